-- One-certificate start for every type (R-MAT-3): acceptance needs the subject qualification and nothing
-- else. The application form comes with the application itself (signed on screen); every other material
-- is deferred, as the paper allows, until scheme design (or the type's first node after acceptance when
-- it has no design). Reuse (R-MAT-5) follows the material: the applicant's own certificates go with the
-- applicant, property proofs with the supply address, project papers (load calculation, equipment list,
-- drawings, filing, power of attorney) belong to one order only.
-- Supply works get a limit a station can meet: the paper's 2 hours are the materials clerk's stock
-- confirmation after design, not the grid-side works.
-- The changed types get a new version; running orders keep the version they started with.

alter table catalogue_material add column with_application boolean default false not null;
alter table catalogue_material add column reuse varchar(20) default 'NONE' not null;
update catalogue_material set with_application = true where code = 'APPLICATION_FORM';
update catalogue_material set reuse = 'APPLICANT' where code in ('ID_CARD', 'BUSINESS_LICENCE', 'SUBJECT_QUALIFICATION', 'LEGAL_REPRESENTATIVE_ID');
update catalogue_material set reuse = 'ADDRESS' where code in ('PROPERTY_PROOF', 'PROPERTY_OR_LAND_USE_PROOF', 'ROOF_PROPERTY_PROOF', 'PARKING_SPACE_PROOF');

-- Customers read the abolished materials' reasons on the public checklists: no internal notes there.
update catalogue_abolished_material set reason_zh = '无政策依据，已取消', reason_en = 'No policy basis: abolished'
where reason_zh like '无政策依据%';

insert into catalogue_type_version (type_code, version_no, family, low_voltage_variant, changed_by, changed_at, change_kind, change_detail, change_note)
select v.type_code, v.version_no + 1, v.family, v.low_voltage_variant, 'system', current_timestamp, 'CHECKLIST',
       'one-certificate start: materials deferred; SUPPLY_WORKS limit in working days',
       '一证启动：受理只需主体资格证明，其余材料容缺至方案拟定；配套工程时限按工作日'
from catalogue_type t join catalogue_type_version v on v.type_code = t.code and v.version_no = t.current_version
where exists (select 1 from catalogue_checklist_item i join catalogue_material m on m.code = i.material_code
              where i.version_id = v.id and i.deferred_until is null and m.subject_qualification = false and m.with_application = false)
   or exists (select 1 from catalogue_node n where n.version_id = v.id and n.node_code = 'SUPPLY_WORKS' and n.limit_unit = 'WORKING_HOURS');

insert into catalogue_node (version_id, position, node_code, limit_amount, limit_unit, limit_source, limit_note)
select nv.id, n.position, n.node_code,
       case when n.node_code = 'SUPPLY_WORKS' and n.limit_unit = 'WORKING_HOURS' then 20 else n.limit_amount end,
       case when n.node_code = 'SUPPLY_WORKS' and n.limit_unit = 'WORKING_HOURS' then 'WORKING_DAYS' else n.limit_unit end,
       case when n.node_code = 'SUPPLY_WORKS' and n.limit_unit = 'WORKING_HOURS' then 'COMMON_PRACTICE' else n.limit_source end,
       case when n.node_code = 'SUPPLY_WORKS' and n.limit_unit = 'WORKING_HOURS'
            then '配套电网工程常规工期 20 个工作日；论文的“设计后 2 小时内确认库存、缺货 4 小时内给出替代方案”是物资专员确认物资的时限，不是整个环节'
            else n.limit_note end
from catalogue_type t
join catalogue_type_version ov on ov.type_code = t.code and ov.version_no = t.current_version
join catalogue_type_version nv on nv.type_code = t.code and nv.version_no = t.current_version + 1
join catalogue_node n on n.version_id = ov.id;

insert into catalogue_reviewer (version_id, department, only_above_kw)
select nv.id, r.department, r.only_above_kw
from catalogue_type t
join catalogue_type_version ov on ov.type_code = t.code and ov.version_no = t.current_version
join catalogue_type_version nv on nv.type_code = t.code and nv.version_no = t.current_version + 1
join catalogue_reviewer r on r.version_id = ov.id;

insert into catalogue_checklist_item (version_id, position, material_code, deferred_until)
select nv.id, i.position, i.material_code,
       case when i.deferred_until is null and m.subject_qualification = false and m.with_application = false
            then coalesce((select d.node_code from catalogue_node d where d.version_id = ov.id and d.node_code = 'SCHEME_DESIGN'),
                          (select f.node_code from catalogue_node f where f.version_id = ov.id and f.position =
                              (select min(g.position) from catalogue_node g where g.version_id = ov.id and g.node_code <> 'ACCEPTANCE')))
            else i.deferred_until end
from catalogue_type t
join catalogue_type_version ov on ov.type_code = t.code and ov.version_no = t.current_version
join catalogue_type_version nv on nv.type_code = t.code and nv.version_no = t.current_version + 1
join catalogue_checklist_item i on i.version_id = ov.id
join catalogue_material m on m.code = i.material_code;

update catalogue_type set current_version = current_version + 1
where exists (select 1 from catalogue_type_version v where v.type_code = catalogue_type.code and v.version_no = catalogue_type.current_version + 1);
