/**
 * The MySQL suite must run, not quietly skip: without a reachable server it stops here with a
 * message that says how to get one.
 */
module.exports = async function checkMysql() {
  const url = new URL(process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/lodestar_test');
  const mysql = require('mysql2/promise');
  try {
    const conn = await mysql.createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username || 'root'),
      password: decodeURIComponent(url.password),
      connectTimeout: 5000,
    });
    await conn.query('SELECT 1');
    await conn.end();
  } catch (error) {
    throw new Error(
      `The MySQL integration suite needs a MySQL 8 / MariaDB 10.6+ server at ${url.host} (TEST_MYSQL_URL): ${error.message}. ` +
        'Start one (on Debian: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd), ' +
        'or run only the SQLite tiers with `npm run test:unit && npm run test:sqlite`.',
      { cause: error },
    );
  }
};
