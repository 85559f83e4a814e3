-- Every run the warehouse recorded (loaded, partial or with nothing new): a sharded run missing
-- here never got past its crawl, and `fazhi finish` completes it.
SELECT run_id FROM pipeline_run;
