-- Whether a document version is in the warehouse. Parameter: doc_id.
SELECT 1 FROM dim_document WHERE doc_id = $1;
