SELECT Username, FirstName, LastName, Nickname FROM Users WHERE Username IN ('josé', 'zoë', 'ångström', '山田太郎', 'emoji.user', 'math.user', 'cjk.ext.user') ORDER BY Username
