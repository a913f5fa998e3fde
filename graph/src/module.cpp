// Graph module: see include/chipgraph/graph/.
