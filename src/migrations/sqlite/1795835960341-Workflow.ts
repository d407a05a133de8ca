import { MigrationInterface, QueryRunner } from "typeorm";

export class Workflow1795835960341 implements MigrationInterface {
    name = 'Workflow1795835960341'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "action_plan" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "reviewRound" integer NOT NULL, "note" varchar(1000), "attachedById" integer, "supersededAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_1927964f320071e1c21e5486b0" ON "action_plan" ("agreementId", "supersededAt") `);
        await queryRunner.query(`CREATE TABLE "action_plan_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "actionPlanId" integer NOT NULL, "position" integer NOT NULL, "activityId" integer NOT NULL, "responsibleOpdId" integer NOT NULL, "startOn" date, "endOn" date, "quarter" varchar(7), "description" varchar(1000))`);
        await queryRunner.query(`CREATE INDEX "IDX_d548272392df613a576011d671" ON "action_plan_item" ("actionPlanId", "position") `);
        await queryRunner.query(`CREATE TABLE "opd_presentation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "opdId" integer NOT NULL, "reviewRound" integer NOT NULL, "presentedOn" date NOT NULL, "note" varchar(1000), "recordedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e41bde1ac9d67c2c80c4622d7" ON "opd_presentation" ("agreementId", "reviewRound", "opdId") `);
        await queryRunner.query(`DROP INDEX "IDX_6afeba785c6e26f5f5829bb1f3"`);
        await queryRunner.query(`DROP INDEX "IDX_f05e63b450449f89ffd9978511"`);
        await queryRunner.query(`DROP INDEX "IDX_65c3a4e6ed218f8c70801715a6"`);
        await queryRunner.query(`CREATE TABLE "temporary_agreement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(300) NOT NULL, "kind" varchar(32) NOT NULL, "partnerCityId" integer NOT NULL, "scope" text NOT NULL, "status" varchar(32) NOT NULL, "statusChangedAt" datetime(6) NOT NULL, "loiSignedOn" date, "dprdApprovedOn" date, "mouSignedOn" date, "validityMonths" integer, "expiresOn" date, "boardSeq" integer NOT NULL DEFAULT (0), "version" integer NOT NULL, "archivedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "reviewRound" integer NOT NULL DEFAULT (0), "terminationNoticeOn" date, CONSTRAINT "FK_f05e63b450449f89ffd99785113" FOREIGN KEY ("partnerCityId") REFERENCES "partner_city" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_agreement"("id", "title", "kind", "partnerCityId", "scope", "status", "statusChangedAt", "loiSignedOn", "dprdApprovedOn", "mouSignedOn", "validityMonths", "expiresOn", "boardSeq", "version", "archivedAt", "createdAt", "updatedAt") SELECT "id", "title", "kind", "partnerCityId", "scope", "status", "statusChangedAt", "loiSignedOn", "dprdApprovedOn", "mouSignedOn", "validityMonths", "expiresOn", "boardSeq", "version", "archivedAt", "createdAt", "updatedAt" FROM "agreement"`);
        await queryRunner.query(`DROP TABLE "agreement"`);
        await queryRunner.query(`ALTER TABLE "temporary_agreement" RENAME TO "agreement"`);
        await queryRunner.query(`CREATE INDEX "IDX_6afeba785c6e26f5f5829bb1f3" ON "agreement" ("status", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_f05e63b450449f89ffd9978511" ON "agreement" ("partnerCityId") `);
        await queryRunner.query(`CREATE INDEX "IDX_65c3a4e6ed218f8c70801715a6" ON "agreement" ("expiresOn") `);
        await queryRunner.query(`DROP INDEX "IDX_1927964f320071e1c21e5486b0"`);
        await queryRunner.query(`CREATE TABLE "temporary_action_plan" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "reviewRound" integer NOT NULL, "note" varchar(1000), "attachedById" integer, "supersededAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_0c094e282849cd11e464815cd7e" FOREIGN KEY ("agreementId") REFERENCES "agreement" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_action_plan"("id", "agreementId", "reviewRound", "note", "attachedById", "supersededAt", "createdAt") SELECT "id", "agreementId", "reviewRound", "note", "attachedById", "supersededAt", "createdAt" FROM "action_plan"`);
        await queryRunner.query(`DROP TABLE "action_plan"`);
        await queryRunner.query(`ALTER TABLE "temporary_action_plan" RENAME TO "action_plan"`);
        await queryRunner.query(`CREATE INDEX "IDX_1927964f320071e1c21e5486b0" ON "action_plan" ("agreementId", "supersededAt") `);
        await queryRunner.query(`DROP INDEX "IDX_d548272392df613a576011d671"`);
        await queryRunner.query(`CREATE TABLE "temporary_action_plan_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "actionPlanId" integer NOT NULL, "position" integer NOT NULL, "activityId" integer NOT NULL, "responsibleOpdId" integer NOT NULL, "startOn" date, "endOn" date, "quarter" varchar(7), "description" varchar(1000), CONSTRAINT "FK_a3344b5324fc58d0d1f487fcbb6" FOREIGN KEY ("actionPlanId") REFERENCES "action_plan" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_e3370695d180571dc09bb6e735b" FOREIGN KEY ("activityId") REFERENCES "draft_activity" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_a6d0631e8b78ab521be3ab51d2b" FOREIGN KEY ("responsibleOpdId") REFERENCES "opd" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_action_plan_item"("id", "actionPlanId", "position", "activityId", "responsibleOpdId", "startOn", "endOn", "quarter", "description") SELECT "id", "actionPlanId", "position", "activityId", "responsibleOpdId", "startOn", "endOn", "quarter", "description" FROM "action_plan_item"`);
        await queryRunner.query(`DROP TABLE "action_plan_item"`);
        await queryRunner.query(`ALTER TABLE "temporary_action_plan_item" RENAME TO "action_plan_item"`);
        await queryRunner.query(`CREATE INDEX "IDX_d548272392df613a576011d671" ON "action_plan_item" ("actionPlanId", "position") `);
        await queryRunner.query(`DROP INDEX "IDX_8e41bde1ac9d67c2c80c4622d7"`);
        await queryRunner.query(`CREATE TABLE "temporary_opd_presentation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "opdId" integer NOT NULL, "reviewRound" integer NOT NULL, "presentedOn" date NOT NULL, "note" varchar(1000), "recordedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_9694718f0d1203748c970257a66" FOREIGN KEY ("agreementId") REFERENCES "agreement" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_23990411de9d89ac6bcbeeefb83" FOREIGN KEY ("opdId") REFERENCES "opd" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_opd_presentation"("id", "agreementId", "opdId", "reviewRound", "presentedOn", "note", "recordedById", "createdAt") SELECT "id", "agreementId", "opdId", "reviewRound", "presentedOn", "note", "recordedById", "createdAt" FROM "opd_presentation"`);
        await queryRunner.query(`DROP TABLE "opd_presentation"`);
        await queryRunner.query(`ALTER TABLE "temporary_opd_presentation" RENAME TO "opd_presentation"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e41bde1ac9d67c2c80c4622d7" ON "opd_presentation" ("agreementId", "reviewRound", "opdId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_8e41bde1ac9d67c2c80c4622d7"`);
        await queryRunner.query(`ALTER TABLE "opd_presentation" RENAME TO "temporary_opd_presentation"`);
        await queryRunner.query(`CREATE TABLE "opd_presentation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "opdId" integer NOT NULL, "reviewRound" integer NOT NULL, "presentedOn" date NOT NULL, "note" varchar(1000), "recordedById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "opd_presentation"("id", "agreementId", "opdId", "reviewRound", "presentedOn", "note", "recordedById", "createdAt") SELECT "id", "agreementId", "opdId", "reviewRound", "presentedOn", "note", "recordedById", "createdAt" FROM "temporary_opd_presentation"`);
        await queryRunner.query(`DROP TABLE "temporary_opd_presentation"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8e41bde1ac9d67c2c80c4622d7" ON "opd_presentation" ("agreementId", "reviewRound", "opdId") `);
        await queryRunner.query(`DROP INDEX "IDX_d548272392df613a576011d671"`);
        await queryRunner.query(`ALTER TABLE "action_plan_item" RENAME TO "temporary_action_plan_item"`);
        await queryRunner.query(`CREATE TABLE "action_plan_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "actionPlanId" integer NOT NULL, "position" integer NOT NULL, "activityId" integer NOT NULL, "responsibleOpdId" integer NOT NULL, "startOn" date, "endOn" date, "quarter" varchar(7), "description" varchar(1000))`);
        await queryRunner.query(`INSERT INTO "action_plan_item"("id", "actionPlanId", "position", "activityId", "responsibleOpdId", "startOn", "endOn", "quarter", "description") SELECT "id", "actionPlanId", "position", "activityId", "responsibleOpdId", "startOn", "endOn", "quarter", "description" FROM "temporary_action_plan_item"`);
        await queryRunner.query(`DROP TABLE "temporary_action_plan_item"`);
        await queryRunner.query(`CREATE INDEX "IDX_d548272392df613a576011d671" ON "action_plan_item" ("actionPlanId", "position") `);
        await queryRunner.query(`DROP INDEX "IDX_1927964f320071e1c21e5486b0"`);
        await queryRunner.query(`ALTER TABLE "action_plan" RENAME TO "temporary_action_plan"`);
        await queryRunner.query(`CREATE TABLE "action_plan" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "reviewRound" integer NOT NULL, "note" varchar(1000), "attachedById" integer, "supersededAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "action_plan"("id", "agreementId", "reviewRound", "note", "attachedById", "supersededAt", "createdAt") SELECT "id", "agreementId", "reviewRound", "note", "attachedById", "supersededAt", "createdAt" FROM "temporary_action_plan"`);
        await queryRunner.query(`DROP TABLE "temporary_action_plan"`);
        await queryRunner.query(`CREATE INDEX "IDX_1927964f320071e1c21e5486b0" ON "action_plan" ("agreementId", "supersededAt") `);
        await queryRunner.query(`DROP INDEX "IDX_65c3a4e6ed218f8c70801715a6"`);
        await queryRunner.query(`DROP INDEX "IDX_f05e63b450449f89ffd9978511"`);
        await queryRunner.query(`DROP INDEX "IDX_6afeba785c6e26f5f5829bb1f3"`);
        await queryRunner.query(`ALTER TABLE "agreement" RENAME TO "temporary_agreement"`);
        await queryRunner.query(`CREATE TABLE "agreement" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(300) NOT NULL, "kind" varchar(32) NOT NULL, "partnerCityId" integer NOT NULL, "scope" text NOT NULL, "status" varchar(32) NOT NULL, "statusChangedAt" datetime(6) NOT NULL, "loiSignedOn" date, "dprdApprovedOn" date, "mouSignedOn" date, "validityMonths" integer, "expiresOn" date, "boardSeq" integer NOT NULL DEFAULT (0), "version" integer NOT NULL, "archivedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_f05e63b450449f89ffd99785113" FOREIGN KEY ("partnerCityId") REFERENCES "partner_city" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "agreement"("id", "title", "kind", "partnerCityId", "scope", "status", "statusChangedAt", "loiSignedOn", "dprdApprovedOn", "mouSignedOn", "validityMonths", "expiresOn", "boardSeq", "version", "archivedAt", "createdAt", "updatedAt") SELECT "id", "title", "kind", "partnerCityId", "scope", "status", "statusChangedAt", "loiSignedOn", "dprdApprovedOn", "mouSignedOn", "validityMonths", "expiresOn", "boardSeq", "version", "archivedAt", "createdAt", "updatedAt" FROM "temporary_agreement"`);
        await queryRunner.query(`DROP TABLE "temporary_agreement"`);
        await queryRunner.query(`CREATE INDEX "IDX_65c3a4e6ed218f8c70801715a6" ON "agreement" ("expiresOn") `);
        await queryRunner.query(`CREATE INDEX "IDX_f05e63b450449f89ffd9978511" ON "agreement" ("partnerCityId") `);
        await queryRunner.query(`CREATE INDEX "IDX_6afeba785c6e26f5f5829bb1f3" ON "agreement" ("status", "id") `);
        await queryRunner.query(`DROP INDEX "IDX_8e41bde1ac9d67c2c80c4622d7"`);
        await queryRunner.query(`DROP TABLE "opd_presentation"`);
        await queryRunner.query(`DROP INDEX "IDX_d548272392df613a576011d671"`);
        await queryRunner.query(`DROP TABLE "action_plan_item"`);
        await queryRunner.query(`DROP INDEX "IDX_1927964f320071e1c21e5486b0"`);
        await queryRunner.query(`DROP TABLE "action_plan"`);
    }

}
