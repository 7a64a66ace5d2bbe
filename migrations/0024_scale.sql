-- The design scale (BRIEF: 1M UMKM, 100k products, 45k outlets; issue 14): an index for each list's
-- filter and order, trigram indexes for search by part of a name, prefix indexes for the region filter.
-- A region filter is `code = 'x' OR code LIKE 'x.%'`: under the C.UTF-8 (or any non-C) collation a plain
-- btree cannot serve the LIKE, a text_pattern_ops one can (and it serves = as well).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- UMKM: the list's order (name, id) among organisations of one kind; search by name.
CREATE INDEX organizations_kind_name_idx ON organizations (kind, name, id);
CREATE INDEX organizations_name_trgm_idx ON organizations USING gin (name gin_trgm_ops);
DROP INDEX umkm_profiles_village_idx;
CREATE INDEX umkm_profiles_village_idx ON umkm_profiles (village_code text_pattern_ops);
CREATE INDEX umkm_profiles_district_idx ON umkm_profiles (district_code text_pattern_ops);
CREATE INDEX umkm_profiles_owner_trgm_idx ON umkm_profiles USING gin (owner_name gin_trgm_ops);
CREATE INDEX umkm_profiles_nib_trgm_idx ON umkm_profiles USING gin (nib gin_trgm_ops);

-- Products: the list's order, search by name and GTIN.
CREATE INDEX products_name_idx ON products (name, id);
CREATE INDEX products_name_trgm_idx ON products USING gin (name gin_trgm_ops);
CREATE INDEX products_gtin_trgm_idx ON products USING gin (gtin gin_trgm_ops);

-- Outlets: the list's order (district, store code, id), in a chain's and a branch's own; the region prefix.
DROP INDEX outlets_district_idx;
CREATE INDEX outlets_order_idx ON outlets (district_code, store_code, id);
CREATE INDEX outlets_district_prefix_idx ON outlets (district_code text_pattern_ops);
CREATE INDEX outlets_chain_order_idx ON outlets (chain_id, district_code, store_code, id);
CREATE INDEX outlets_branch_order_idx ON outlets (branch_id, district_code, store_code, id);
CREATE INDEX outlets_name_trgm_idx ON outlets USING gin (name gin_trgm_ops);
CREATE INDEX outlets_store_code_trgm_idx ON outlets USING gin (store_code gin_trgm_ops);
CREATE INDEX outlets_address_trgm_idx ON outlets USING gin (address gin_trgm_ops);
