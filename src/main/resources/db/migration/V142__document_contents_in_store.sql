-- Every content is in the encrypted file store now (V141): the database keeps only where to find it.
alter table document drop column content;
alter table document alter column storage_key set not null;
alter table document alter column order_no set not null;
alter table document alter column org_path set not null;
alter table node_photo drop column content;
alter table node_photo alter column document_id set not null;
