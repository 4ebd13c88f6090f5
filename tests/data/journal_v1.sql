-- A journal as Hoist schema version 1 wrote it (before receipts and commands).
-- Loaded by tests/unit/test_journal.py to prove migrations upgrade real data.
BEGIN TRANSACTION;
CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            created_at REAL NOT NULL,
            label TEXT NOT NULL,
            destination TEXT NOT NULL
        );
INSERT INTO "batches" VALUES(1,1790000000.0,'holiday','s3://photos');
CREATE TABLE parts (
            upload_id INTEGER NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
            part_number INTEGER NOT NULL,
            offset INTEGER NOT NULL,
            length INTEGER NOT NULL,
            state TEXT NOT NULL,
            etag TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            PRIMARY KEY (upload_id, part_number)
        ) WITHOUT ROWID;
INSERT INTO "parts" VALUES(1,1,0,5242880,'done','"etag-1"',1,NULL);
INSERT INTO "parts" VALUES(1,2,5242880,5242880,'pending',NULL,2,'SlowDown');
INSERT INTO "parts" VALUES(1,3,10485760,2097152,'pending',NULL,0,NULL);
INSERT INTO "parts" VALUES(2,1,0,10,'done','"5d41402abc4b2a76b9719d911017c592"',1,NULL);
CREATE TABLE uploads (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES batches(id),
            local_path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            profile TEXT NOT NULL,
            endpoint_url TEXT NOT NULL,
            region TEXT NOT NULL,
            path_style INTEGER NOT NULL DEFAULT 0,
            bucket TEXT NOT NULL,
            key TEXT NOT NULL,
            state TEXT NOT NULL,
            strategy TEXT NOT NULL,
            part_size INTEGER NOT NULL,
            part_count INTEGER NOT NULL,
            s3_upload_id TEXT,
            etag TEXT,
            error TEXT,
            created_at REAL NOT NULL,
            started_at REAL,
            finished_at REAL
        );
INSERT INTO "uploads" VALUES(1,1,'/home/ann/holiday/a.jpg',12582912,1790000000000000000,'work','https://s3.example.com','eu-west-1',1,'photos','holiday/a.jpg','running','multipart',5242880,3,'UPLOAD-1',NULL,NULL,1790000000.0,1790000001.0,NULL);
INSERT INTO "uploads" VALUES(2,1,'/home/ann/holiday/b.txt',10,1790000000000000000,'work','https://s3.example.com','eu-west-1',1,'photos','holiday/b.txt','done','single',10,1,NULL,'5d41402abc4b2a76b9719d911017c592',NULL,1790000000.0,1790000001.0,1790000002.0);
CREATE INDEX uploads_state ON uploads(state);
COMMIT;
PRAGMA user_version = 1;
