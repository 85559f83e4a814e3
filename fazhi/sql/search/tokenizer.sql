-- The tokenizer the postings were cut with (none before it was recorded).
SELECT any_value(tokenizer) FROM search_meta;
