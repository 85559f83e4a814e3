-- New segmented documents (registered as segmented_words by the caller).
INSERT INTO document_words SELECT doc_id, words FROM segmented_words;
