import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins per account and per client address (src/services/login-throttle.ts), shared by
 * every process when there is no Redis. Not an entity: transient state that db:copy leaves behind.
 */
export class LoginThrottle1796300000000 implements MigrationInterface {
  name = 'LoginThrottle1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `login_throttle` (`throttle_key` varchar(64) NOT NULL, `failures` int NOT NULL, `last_at` bigint NOT NULL, `locked_until` bigint NOT NULL, `version` int NOT NULL, PRIMARY KEY (`throttle_key`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `login_throttle`');
  }
}
