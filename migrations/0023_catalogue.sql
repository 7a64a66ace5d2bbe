-- The public catalogue (C11): what a UMKM chose to show shoppers. Nothing is public by default: a product
-- appears only once its maker published it and it is on a shelf under a PKS in force (catalogue.store.ts);
-- her story is shown on her public page, her phone number only if she opts in.
ALTER TABLE products ADD COLUMN published_at timestamptz;          -- NULL: not in the public catalogue
ALTER TABLE umkm_profiles ADD COLUMN story text CHECK (story IS NULL OR length(story) <= 1500);
ALTER TABLE umkm_profiles ADD COLUMN show_phone boolean NOT NULL DEFAULT false;
CREATE INDEX products_published_idx ON products (umkm_id) WHERE published_at IS NOT NULL AND archived_at IS NULL;
-- The public pages look placements up by product and by outlet region.
CREATE INDEX placements_product_idx ON placements (product_id, starts_on);
