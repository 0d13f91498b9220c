SELECT Name, ExternalId FROM Groups WHERE Name LIKE 'E%' ORDER BY Name
