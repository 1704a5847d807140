process.env.TEST_DB = 'mysql';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
