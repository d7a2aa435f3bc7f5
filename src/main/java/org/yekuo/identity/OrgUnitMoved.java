package org.yekuo.identity;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An org unit moved under another parent: its path and the paths of everything below it changed from {@code fromPath}
 * to {@code toPath}. Published inside the transaction that moves it; every module that copies org paths onto its rows
 * rewrites them in the same transaction ({@link #rewrite}), so data scope follows the move at once and all together.
 */
public record OrgUnitMoved(long orgUnitId, String fromPath, String toPath) {

    /** Rewrites one path column of the caller's own table; {@code table} and {@code column} are the caller's constants. */
    public void rewrite(JdbcClient jdbc, String table, String column) {
        jdbc.sql("update " + table + " set " + column + " = ? || substring(" + column + ", ?) where " + column + " like ?")
                .params(toPath, fromPath.length() + 1, fromPath + "%").update();
    }
}
