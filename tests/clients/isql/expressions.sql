SELECT UPPER(Username) AS U, LENGTH(Email) AS L FROM Users WHERE Username = 'user0042'
