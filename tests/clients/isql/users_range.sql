SELECT Id, Username, LastName FROM Users WHERE Username BETWEEN 'user0100' AND 'user0109' ORDER BY Username
