-- The original utter tables (SQLAlchemy models before the Qwen3-TTS integration).
CREATE TABLE voices (
    id TEXT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    reference_path TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE generations (
    id TEXT PRIMARY KEY,
    voice_id TEXT NOT NULL REFERENCES voices(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    audio_path TEXT NOT NULL,
    duration_seconds REAL,
    created_at TEXT NOT NULL
);

CREATE INDEX generations_voice_id ON generations(voice_id);
CREATE INDEX generations_created_at ON generations(created_at);
