-- Regions (version 3); see db/migration/sqlite/V3__regions.sql for the meaning.
ALTER TABLE cells ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE cells DROP CONSTRAINT cells_campaign_id_model_provider_key;
ALTER TABLE cells ADD CONSTRAINT cells_campaign_model_provider_region_key UNIQUE (campaign_id, model, provider, region);
ALTER TABLE samples ADD COLUMN probe_id TEXT;
