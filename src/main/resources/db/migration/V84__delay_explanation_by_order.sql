-- The order page lists the order's delay explanations; without this index every page read all of them.
create index delay_explanation_order_idx on delay_explanation (order_id);
