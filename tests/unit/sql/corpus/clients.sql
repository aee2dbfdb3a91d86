-- clients.sql - what common clients send right after connecting.
-- mysql CLI
select @@version_comment limit 1;
SELECT DATABASE();
show databases;
show tables;
select USER();
SHOW WARNINGS;
-- PyMySQL
SET AUTOCOMMIT = 0;
SET AUTOCOMMIT = 1;
SET NAMES utf8mb4;
SET NAMES 'utf8mb4' COLLATE 'utf8mb4_general_ci';
COMMIT;
ROLLBACK;
-- SQLAlchemy (mysql dialects)
SELECT DATABASE();
SHOW VARIABLES LIKE 'sql_mode';
SHOW VARIABLES LIKE 'lower_case_table_names';
SELECT @@transaction_isolation;
SELECT @@tx_isolation;
SELECT CAST('test plain returns' AS CHAR(60)) AS anon_1;
SELECT CAST('test unicode returns' AS CHAR(60)) AS anon_1;
SELECT CAST('test collated returns' AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin AS anon_1;
SELECT 'x' AS some_label;
SHOW COLLATION;
SHOW FULL TABLES FROM `test`;
SHOW CREATE TABLE `test`.`users`;
SELECT VERSION();
-- MySQL Connector/J
/* mysql-connector-java-8.0.33 (Revision: 7d6b0800528b6b25c68b52dc10d6c1c8429c100c) */SELECT  @@session.auto_increment_increment AS auto_increment_increment, @@character_set_client AS character_set_client, @@character_set_connection AS character_set_connection, @@character_set_results AS character_set_results, @@character_set_server AS character_set_server, @@collation_server AS collation_server, @@collation_connection AS collation_connection, @@init_connect AS init_connect, @@interactive_timeout AS interactive_timeout, @@license AS license, @@lower_case_table_names AS lower_case_table_names, @@max_allowed_packet AS max_allowed_packet, @@net_write_timeout AS net_write_timeout, @@performance_schema AS performance_schema, @@sql_mode AS sql_mode, @@system_time_zone AS system_time_zone, @@time_zone AS time_zone, @@transaction_isolation AS transaction_isolation, @@wait_timeout AS wait_timeout;
SET character_set_results = NULL;
SET autocommit=1;
SET sql_mode='STRICT_TRANS_TABLES';
SELECT @@session.transaction_read_only;
SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;
SET SESSION TRANSACTION READ ONLY;
SHOW WARNINGS;
SELECT @@session.transaction_isolation;
-- mysql2 (Node.js)
SELECT @@version;
SELECT 1 + 1 AS solution;
SET time_zone = '+00:00';
-- Go driver and JDBC pools
SELECT 1;
/* ping */ SELECT 1;
DO 1;
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SET @@SESSION.sql_mode = CONCAT(REPLACE(REPLACE(REPLACE(@@sql_mode, 'STRICT_TRANS_TABLES', ''), 'STRICT_ALL_TABLES', ''), 'TRADITIONAL', ''), ',NO_AUTO_VALUE_ON_ZERO');
SELECT @@max_allowed_packet, @@system_time_zone, @@time_zone, @@auto_increment_increment;
SHOW VARIABLES WHERE Variable_name = 'language' OR Variable_name = 'net_write_timeout' OR Variable_name = 'interactive_timeout';
SHOW SESSION STATUS LIKE 'Ssl_cipher';
SELECT CONNECTION_ID();
