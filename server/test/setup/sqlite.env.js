process.env.TEST_DB = 'sqlite';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
