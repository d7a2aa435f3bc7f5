package org.yekuo.catalogue.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yekuo.catalogue.AbolishedMaterial;
import org.yekuo.catalogue.Material;

/** The kinds of material a checklist may name, and the abolished ones it never may. */
@Repository
public class Materials {

    private final JdbcClient jdbc;

    Materials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Material> all() {
        return jdbc.sql("select * from catalogue_material order by position").query(Materials::material).list();
    }

    public Optional<Material> find(String code) {
        return jdbc.sql("select * from catalogue_material where code = ?").param(code).query(Materials::material).optional();
    }

    public List<AbolishedMaterial> abolished() {
        return jdbc.sql("select * from catalogue_abolished_material order by position").query(Materials::abolishedMaterial).list();
    }

    public Optional<AbolishedMaterial> findAbolished(String code) {
        return jdbc.sql("select * from catalogue_abolished_material where code = ?").param(code)
                .query(Materials::abolishedMaterial).optional();
    }

    static Material material(ResultSet rs, int n) throws SQLException {
        return new Material(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                rs.getBoolean("subject_qualification"), rs.getBoolean("with_application"),
                Material.Reuse.valueOf(rs.getString("reuse")));
    }

    private static AbolishedMaterial abolishedMaterial(ResultSet rs, int n) throws SQLException {
        return new AbolishedMaterial(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                rs.getString("reason_zh"), rs.getString("reason_en"));
    }
}
