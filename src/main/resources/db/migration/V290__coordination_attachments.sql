-- A file attached to an entry of a coordination question (R-COL-3): the file itself is a document of the order's
-- archive (document_id, already on the entry); its name, type and size are kept with the entry so that the thread
-- names it without opening the archive, which the department asked may not see.
alter table coordination_entry add column attachment_name varchar(120);
alter table coordination_entry add column attachment_type varchar(40);
alter table coordination_entry add column attachment_bytes bigint;
