-- What each applicant has on file (R-MAT-5): per material, the newest application that supplied it with a
-- document. One-certificate start reads it at every acceptance; a company that has applied thousands of times
-- is one short range here, where reading its applications' materials grew with every order it ever made.
create table material_on_file (
    subject_code_index varchar(64) not null,
    material_code      varchar(40) not null,
    application_id     bigint      not null,
    document_id        bigint      not null,
    primary key (subject_code_index, material_code)
);

insert into material_on_file (subject_code_index, material_code, application_id, document_id)
select a.subject_code_index, m.material_code, max(m.application_id), max(m.document_id)
from application_material m join application a on a.id = m.application_id
where m.state = 'SUPPLIED' and m.document_id is not null
group by a.subject_code_index, m.material_code;
