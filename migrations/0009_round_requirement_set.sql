-- A curation round may assess every product against one requirement set chosen when it is opened (a
-- published set of the round's chain); without one, each product's category picks the chain's set.
ALTER TABLE curation_rounds ADD COLUMN requirement_set_id uuid REFERENCES requirement_sets(id);
