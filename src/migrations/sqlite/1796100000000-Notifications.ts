import { MigrationInterface, QueryRunner } from "typeorm";

export class Notifications1796100000000 implements MigrationInterface {
    name = 'Notifications1796100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "job_lease" ("name" varchar(64) PRIMARY KEY NOT NULL, "slot" varchar(32) NOT NULL, "holder" varchar(100), "leaseUntil" varchar(32), "startedAt" datetime(6), "finishedAt" datetime(6), "outcome" varchar(16), "detail" varchar(1000))`);
        await queryRunner.query(`CREATE TABLE "job_run" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(64) NOT NULL, "slot" varchar(32) NOT NULL, "holder" varchar(100) NOT NULL, "startedAt" datetime(6) NOT NULL, "finishedAt" datetime(6) NOT NULL, "outcome" varchar(16) NOT NULL, "detail" varchar(1000))`);
        await queryRunner.query(`CREATE INDEX "IDX_e6488741a85b44c529b6fe8433" ON "job_run" ("name", "slot") `);
        await queryRunner.query(`CREATE TABLE "notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "agreementId" integer NOT NULL, "kind" varchar(32) NOT NULL, "reminderKey" varchar(100) NOT NULL, "subject" varchar(300) NOT NULL, "message" varchar(1000) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "readAt" datetime(6), "emailStatus" varchar(16) NOT NULL, "emailAttempts" integer NOT NULL DEFAULT (0))`);
        await queryRunner.query(`CREATE INDEX "IDX_b8b6488ba2c9111a8b0b1ffed3" ON "notification" ("emailStatus") `);
        await queryRunner.query(`CREATE INDEX "IDX_b142beadffd32dfe9c1afc1c28" ON "notification" ("userId", "readAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_21f0e61b26fe3ec2d1dbd232bd" ON "notification" ("userId", "agreementId", "reminderKey") `);
        await queryRunner.query(`DROP INDEX "IDX_b8b6488ba2c9111a8b0b1ffed3"`);
        await queryRunner.query(`DROP INDEX "IDX_b142beadffd32dfe9c1afc1c28"`);
        await queryRunner.query(`DROP INDEX "IDX_21f0e61b26fe3ec2d1dbd232bd"`);
        await queryRunner.query(`CREATE TABLE "temporary_notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "agreementId" integer NOT NULL, "kind" varchar(32) NOT NULL, "reminderKey" varchar(100) NOT NULL, "subject" varchar(300) NOT NULL, "message" varchar(1000) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "readAt" datetime(6), "emailStatus" varchar(16) NOT NULL, "emailAttempts" integer NOT NULL DEFAULT (0), CONSTRAINT "FK_1ced25315eb974b73391fb1c81b" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_5085c9108f1d34c93784ceed7a6" FOREIGN KEY ("agreementId") REFERENCES "agreement" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_notification"("id", "userId", "agreementId", "kind", "reminderKey", "subject", "message", "createdAt", "readAt", "emailStatus", "emailAttempts") SELECT "id", "userId", "agreementId", "kind", "reminderKey", "subject", "message", "createdAt", "readAt", "emailStatus", "emailAttempts" FROM "notification"`);
        await queryRunner.query(`DROP TABLE "notification"`);
        await queryRunner.query(`ALTER TABLE "temporary_notification" RENAME TO "notification"`);
        await queryRunner.query(`CREATE INDEX "IDX_b8b6488ba2c9111a8b0b1ffed3" ON "notification" ("emailStatus") `);
        await queryRunner.query(`CREATE INDEX "IDX_b142beadffd32dfe9c1afc1c28" ON "notification" ("userId", "readAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_21f0e61b26fe3ec2d1dbd232bd" ON "notification" ("userId", "agreementId", "reminderKey") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_21f0e61b26fe3ec2d1dbd232bd"`);
        await queryRunner.query(`DROP INDEX "IDX_b142beadffd32dfe9c1afc1c28"`);
        await queryRunner.query(`DROP INDEX "IDX_b8b6488ba2c9111a8b0b1ffed3"`);
        await queryRunner.query(`ALTER TABLE "notification" RENAME TO "temporary_notification"`);
        await queryRunner.query(`CREATE TABLE "notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "userId" integer NOT NULL, "agreementId" integer NOT NULL, "kind" varchar(32) NOT NULL, "reminderKey" varchar(100) NOT NULL, "subject" varchar(300) NOT NULL, "message" varchar(1000) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "readAt" datetime(6), "emailStatus" varchar(16) NOT NULL, "emailAttempts" integer NOT NULL DEFAULT (0))`);
        await queryRunner.query(`INSERT INTO "notification"("id", "userId", "agreementId", "kind", "reminderKey", "subject", "message", "createdAt", "readAt", "emailStatus", "emailAttempts") SELECT "id", "userId", "agreementId", "kind", "reminderKey", "subject", "message", "createdAt", "readAt", "emailStatus", "emailAttempts" FROM "temporary_notification"`);
        await queryRunner.query(`DROP TABLE "temporary_notification"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_21f0e61b26fe3ec2d1dbd232bd" ON "notification" ("userId", "agreementId", "reminderKey") `);
        await queryRunner.query(`CREATE INDEX "IDX_b142beadffd32dfe9c1afc1c28" ON "notification" ("userId", "readAt") `);
        await queryRunner.query(`CREATE INDEX "IDX_b8b6488ba2c9111a8b0b1ffed3" ON "notification" ("emailStatus") `);
        await queryRunner.query(`DROP INDEX "IDX_21f0e61b26fe3ec2d1dbd232bd"`);
        await queryRunner.query(`DROP INDEX "IDX_b142beadffd32dfe9c1afc1c28"`);
        await queryRunner.query(`DROP INDEX "IDX_b8b6488ba2c9111a8b0b1ffed3"`);
        await queryRunner.query(`DROP TABLE "notification"`);
        await queryRunner.query(`DROP INDEX "IDX_e6488741a85b44c529b6fe8433"`);
        await queryRunner.query(`DROP TABLE "job_run"`);
        await queryRunner.query(`DROP TABLE "job_lease"`);
    }

}
