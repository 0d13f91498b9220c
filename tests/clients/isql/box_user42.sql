SELECT Id, IsEnabled FROM Users WHERE Username = 'user0042'
