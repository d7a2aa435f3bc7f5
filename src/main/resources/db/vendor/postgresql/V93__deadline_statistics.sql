-- The planner's choice between a node's key and the partial indexes of open rows (V81, V83) rests on its estimate
-- of how many nodes are open: a few percent of the table, however long the history. By default node_deadline is
-- analyzed again once a tenth of its rows have changed, some 860,000 writes on a three-year history; after a bulk
-- load of finished orders (a go-live migration) the estimate said no node was open until then, every partial index
-- looked empty, and statements that name an order or a node besides "still open" read it whole: pausing or
-- withdrawing an order read every open row, each claim of the sweep every row due (docs/performance.md).
-- Analyzing after every 20,000 writes costs one sample of 30,000 rows, a few times a day at a province's rate.
alter table node_deadline set (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 20000);
