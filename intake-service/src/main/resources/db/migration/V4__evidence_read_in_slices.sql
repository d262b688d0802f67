-- Evidence is read a slice at a time (substring), so that a download never holds a whole file. Kept out
-- of line uncompressed, a slice costs PostgreSQL only the chunks it covers; compressed (the default), each
-- slice would decompress the file from its start. PNG, JPEG and most PDFs are compressed already. Applies
-- to files stored from now on.
ALTER TABLE evidence ALTER COLUMN content SET STORAGE EXTERNAL;
