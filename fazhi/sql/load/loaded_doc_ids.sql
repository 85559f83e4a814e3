-- Every document version the warehouse holds, loaded or failed to parse: what a later run need
-- not load again when it looks for documents a killed run left only in the lake.
SELECT doc_id FROM dim_document;
