import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row whose `version` every committing write increases in its own transaction
 * (src/data-version.ts): the response cache keys answers by it. Not an entity (no GraphQL type
 * shows it); db:copy copies it like any table, so a copy's version goes on from the source's.
 */
export class DataVersion1796400000000 implements MigrationInterface {
  name = 'DataVersion1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_version" ("id" integer PRIMARY KEY NOT NULL, "version" bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO "data_version" ("id", "version") VALUES (1, 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "data_version"`);
  }
}
