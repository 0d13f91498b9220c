SELECT Name, Description, IsDefault FROM Populations ORDER BY Name
