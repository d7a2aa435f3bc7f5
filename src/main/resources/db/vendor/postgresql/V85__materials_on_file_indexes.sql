-- One-certificate start looks up what the applicant supplied on earlier applications (Applications.onFile). A
-- company that applies again and again (a developer, a chain of shops) has hundreds of earlier applications, and
-- the look-up read each of them and its materials from the table. These answer it from index entries: the
-- applicant's applications, and of their materials only those on file (supplied with a document).
create index application_subject_id_idx on application (subject_code_index) include (id);
drop index application_subject_idx;
create index application_material_on_file_idx on application_material (application_id) include (material_code, document_id)
    where state = 'SUPPLIED' and document_id is not null;
