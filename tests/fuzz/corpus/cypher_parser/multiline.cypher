MATCH (n)
WHERE n.name IN ['枫泾镇', "朱泾镇"] AND n.name STARTS WITH '枫' AND n.name CONTAINS `x` // c
RETURN *