SELECT Username, Email, IsEnabled, CreatedAt, Type FROM Users ORDER BY Username LIMIT 12
