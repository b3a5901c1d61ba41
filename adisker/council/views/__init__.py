"""The council's pages, one module a section of the work: overview, development, structures,
plans, meetings."""
