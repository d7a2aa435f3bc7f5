-- Materials on file are read from material_on_file (V90); the index that served reading them from each earlier
-- application's materials has no query left, and every supplied material paid for it.
drop index application_material_on_file_idx;
