// Exporters: see include/chipgraph/exporters/.
