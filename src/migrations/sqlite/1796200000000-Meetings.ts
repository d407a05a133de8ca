import { MigrationInterface, QueryRunner } from "typeorm";

export class Meetings1796200000000 implements MigrationInterface {
    name = 'Meetings1796200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "meeting" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "title" varchar(300) NOT NULL, "heldOn" date NOT NULL, "startTime" varchar(5), "place" varchar(300) NOT NULL, "chairName" varchar(200), "chairOffice" varchar(200) NOT NULL, "state" varchar(32) NOT NULL, "note" varchar(1000), "openedAt" datetime(6), "openSeq" integer, "closedAt" datetime(6), "closeSeq" integer, "cancelledAt" datetime(6), "cancelReason" varchar(1000), "openingBoard" text, "decisionsSnapshot" text, "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_8062a24acbfeee51a45c475700" ON "meeting" ("agreementId", "state") `);
        await queryRunner.query(`CREATE TABLE "meeting_attendance" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" integer NOT NULL, "position" integer NOT NULL, "opdId" integer, "personName" varchar(200), "personOffice" varchar(200), "status" varchar(32) NOT NULL, "representedBy" varchar(200), "recordedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_4daef305ba8ce9e000d7646a7f" ON "meeting_attendance" ("meetingId", "position") `);
        await queryRunner.query(`CREATE TABLE "meeting_agenda_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" integer NOT NULL, "position" integer NOT NULL, "title" varchar(300) NOT NULL, "note" varchar(2000))`);
        await queryRunner.query(`CREATE INDEX "IDX_513f634f4458008ce8b90f0cc2" ON "meeting_agenda_item" ("meetingId", "position") `);
        await queryRunner.query(`CREATE TABLE "meeting_decision_note" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" integer NOT NULL, "activityId" integer NOT NULL, "note" varchar(2000) NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_202f7c8b38dcd4a86768254962" ON "meeting_decision_note" ("meetingId", "activityId") `);
        await queryRunner.query(`DROP INDEX "IDX_a88e6918b64524a25630ce27e2"`);
        await queryRunner.query(`CREATE TABLE "temporary_change_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "seq" integer NOT NULL, "kind" varchar(32) NOT NULL, "activityId" integer, "changedFields" text NOT NULL, "snapshot" text NOT NULL, "actorId" integer, "at" datetime(6) NOT NULL, "meetingId" integer, CONSTRAINT "FK_a3d759ac2909dedc85816e7a7a5" FOREIGN KEY ("actorId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_548fb5227916b9684429e5236f7" FOREIGN KEY ("agreementId") REFERENCES "agreement" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_change_event"("id", "agreementId", "seq", "kind", "activityId", "changedFields", "snapshot", "actorId", "at") SELECT "id", "agreementId", "seq", "kind", "activityId", "changedFields", "snapshot", "actorId", "at" FROM "change_event"`);
        await queryRunner.query(`DROP TABLE "change_event"`);
        await queryRunner.query(`ALTER TABLE "temporary_change_event" RENAME TO "change_event"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a88e6918b64524a25630ce27e2" ON "change_event" ("agreementId", "seq") `);
        await queryRunner.query(`CREATE INDEX "IDX_6505ca427ba9ae7044798d17b9" ON "change_event" ("meetingId") `);
        await queryRunner.query(`DROP INDEX "IDX_8062a24acbfeee51a45c475700"`);
        await queryRunner.query(`CREATE TABLE "temporary_meeting" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "title" varchar(300) NOT NULL, "heldOn" date NOT NULL, "startTime" varchar(5), "place" varchar(300) NOT NULL, "chairName" varchar(200), "chairOffice" varchar(200) NOT NULL, "state" varchar(32) NOT NULL, "note" varchar(1000), "openedAt" datetime(6), "openSeq" integer, "closedAt" datetime(6), "closeSeq" integer, "cancelledAt" datetime(6), "cancelReason" varchar(1000), "openingBoard" text, "decisionsSnapshot" text, "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_53e5263a3bb950a13726edf2c39" FOREIGN KEY ("agreementId") REFERENCES "agreement" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_meeting"("id", "agreementId", "title", "heldOn", "startTime", "place", "chairName", "chairOffice", "state", "note", "openedAt", "openSeq", "closedAt", "closeSeq", "cancelledAt", "cancelReason", "openingBoard", "decisionsSnapshot", "createdById", "createdAt") SELECT "id", "agreementId", "title", "heldOn", "startTime", "place", "chairName", "chairOffice", "state", "note", "openedAt", "openSeq", "closedAt", "closeSeq", "cancelledAt", "cancelReason", "openingBoard", "decisionsSnapshot", "createdById", "createdAt" FROM "meeting"`);
        await queryRunner.query(`DROP TABLE "meeting"`);
        await queryRunner.query(`ALTER TABLE "temporary_meeting" RENAME TO "meeting"`);
        await queryRunner.query(`CREATE INDEX "IDX_8062a24acbfeee51a45c475700" ON "meeting" ("agreementId", "state") `);
        await queryRunner.query(`DROP INDEX "IDX_4daef305ba8ce9e000d7646a7f"`);
        await queryRunner.query(`CREATE TABLE "temporary_meeting_attendance" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" integer NOT NULL, "position" integer NOT NULL, "opdId" integer, "personName" varchar(200), "personOffice" varchar(200), "status" varchar(32) NOT NULL, "representedBy" varchar(200), "recordedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_ecdef7c62282d4473d83ea14973" FOREIGN KEY ("meetingId") REFERENCES "meeting" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_09c8718ef7559ded2c59cc81d5f" FOREIGN KEY ("opdId") REFERENCES "opd" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_meeting_attendance"("id", "meetingId", "position", "opdId", "personName", "personOffice", "status", "representedBy", "recordedById", "updatedAt") SELECT "id", "meetingId", "position", "opdId", "personName", "personOffice", "status", "representedBy", "recordedById", "updatedAt" FROM "meeting_attendance"`);
        await queryRunner.query(`DROP TABLE "meeting_attendance"`);
        await queryRunner.query(`ALTER TABLE "temporary_meeting_attendance" RENAME TO "meeting_attendance"`);
        await queryRunner.query(`CREATE INDEX "IDX_4daef305ba8ce9e000d7646a7f" ON "meeting_attendance" ("meetingId", "position") `);
        await queryRunner.query(`DROP INDEX "IDX_513f634f4458008ce8b90f0cc2"`);
        await queryRunner.query(`CREATE TABLE "temporary_meeting_agenda_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" integer NOT NULL, "position" integer NOT NULL, "title" varchar(300) NOT NULL, "note" varchar(2000), CONSTRAINT "FK_5b617ddb09c0b05f5cda93a626e" FOREIGN KEY ("meetingId") REFERENCES "meeting" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_meeting_agenda_item"("id", "meetingId", "position", "title", "note") SELECT "id", "meetingId", "position", "title", "note" FROM "meeting_agenda_item"`);
        await queryRunner.query(`DROP TABLE "meeting_agenda_item"`);
        await queryRunner.query(`ALTER TABLE "temporary_meeting_agenda_item" RENAME TO "meeting_agenda_item"`);
        await queryRunner.query(`CREATE INDEX "IDX_513f634f4458008ce8b90f0cc2" ON "meeting_agenda_item" ("meetingId", "position") `);
        await queryRunner.query(`DROP INDEX "IDX_202f7c8b38dcd4a86768254962"`);
        await queryRunner.query(`CREATE TABLE "temporary_meeting_decision_note" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" integer NOT NULL, "activityId" integer NOT NULL, "note" varchar(2000) NOT NULL, CONSTRAINT "FK_f33be47cf09549d7f6251be92b9" FOREIGN KEY ("meetingId") REFERENCES "meeting" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_meeting_decision_note"("id", "meetingId", "activityId", "note") SELECT "id", "meetingId", "activityId", "note" FROM "meeting_decision_note"`);
        await queryRunner.query(`DROP TABLE "meeting_decision_note"`);
        await queryRunner.query(`ALTER TABLE "temporary_meeting_decision_note" RENAME TO "meeting_decision_note"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_202f7c8b38dcd4a86768254962" ON "meeting_decision_note" ("meetingId", "activityId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_202f7c8b38dcd4a86768254962"`);
        await queryRunner.query(`ALTER TABLE "meeting_decision_note" RENAME TO "temporary_meeting_decision_note"`);
        await queryRunner.query(`CREATE TABLE "meeting_decision_note" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" integer NOT NULL, "activityId" integer NOT NULL, "note" varchar(2000) NOT NULL)`);
        await queryRunner.query(`INSERT INTO "meeting_decision_note"("id", "meetingId", "activityId", "note") SELECT "id", "meetingId", "activityId", "note" FROM "temporary_meeting_decision_note"`);
        await queryRunner.query(`DROP TABLE "temporary_meeting_decision_note"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_202f7c8b38dcd4a86768254962" ON "meeting_decision_note" ("meetingId", "activityId") `);
        await queryRunner.query(`DROP INDEX "IDX_513f634f4458008ce8b90f0cc2"`);
        await queryRunner.query(`ALTER TABLE "meeting_agenda_item" RENAME TO "temporary_meeting_agenda_item"`);
        await queryRunner.query(`CREATE TABLE "meeting_agenda_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" integer NOT NULL, "position" integer NOT NULL, "title" varchar(300) NOT NULL, "note" varchar(2000))`);
        await queryRunner.query(`INSERT INTO "meeting_agenda_item"("id", "meetingId", "position", "title", "note") SELECT "id", "meetingId", "position", "title", "note" FROM "temporary_meeting_agenda_item"`);
        await queryRunner.query(`DROP TABLE "temporary_meeting_agenda_item"`);
        await queryRunner.query(`CREATE INDEX "IDX_513f634f4458008ce8b90f0cc2" ON "meeting_agenda_item" ("meetingId", "position") `);
        await queryRunner.query(`DROP INDEX "IDX_4daef305ba8ce9e000d7646a7f"`);
        await queryRunner.query(`ALTER TABLE "meeting_attendance" RENAME TO "temporary_meeting_attendance"`);
        await queryRunner.query(`CREATE TABLE "meeting_attendance" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" integer NOT NULL, "position" integer NOT NULL, "opdId" integer, "personName" varchar(200), "personOffice" varchar(200), "status" varchar(32) NOT NULL, "representedBy" varchar(200), "recordedById" integer, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "meeting_attendance"("id", "meetingId", "position", "opdId", "personName", "personOffice", "status", "representedBy", "recordedById", "updatedAt") SELECT "id", "meetingId", "position", "opdId", "personName", "personOffice", "status", "representedBy", "recordedById", "updatedAt" FROM "temporary_meeting_attendance"`);
        await queryRunner.query(`DROP TABLE "temporary_meeting_attendance"`);
        await queryRunner.query(`CREATE INDEX "IDX_4daef305ba8ce9e000d7646a7f" ON "meeting_attendance" ("meetingId", "position") `);
        await queryRunner.query(`DROP INDEX "IDX_8062a24acbfeee51a45c475700"`);
        await queryRunner.query(`ALTER TABLE "meeting" RENAME TO "temporary_meeting"`);
        await queryRunner.query(`CREATE TABLE "meeting" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "title" varchar(300) NOT NULL, "heldOn" date NOT NULL, "startTime" varchar(5), "place" varchar(300) NOT NULL, "chairName" varchar(200), "chairOffice" varchar(200) NOT NULL, "state" varchar(32) NOT NULL, "note" varchar(1000), "openedAt" datetime(6), "openSeq" integer, "closedAt" datetime(6), "closeSeq" integer, "cancelledAt" datetime(6), "cancelReason" varchar(1000), "openingBoard" text, "decisionsSnapshot" text, "createdById" integer, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "meeting"("id", "agreementId", "title", "heldOn", "startTime", "place", "chairName", "chairOffice", "state", "note", "openedAt", "openSeq", "closedAt", "closeSeq", "cancelledAt", "cancelReason", "openingBoard", "decisionsSnapshot", "createdById", "createdAt") SELECT "id", "agreementId", "title", "heldOn", "startTime", "place", "chairName", "chairOffice", "state", "note", "openedAt", "openSeq", "closedAt", "closeSeq", "cancelledAt", "cancelReason", "openingBoard", "decisionsSnapshot", "createdById", "createdAt" FROM "temporary_meeting"`);
        await queryRunner.query(`DROP TABLE "temporary_meeting"`);
        await queryRunner.query(`CREATE INDEX "IDX_8062a24acbfeee51a45c475700" ON "meeting" ("agreementId", "state") `);
        await queryRunner.query(`DROP INDEX "IDX_6505ca427ba9ae7044798d17b9"`);
        await queryRunner.query(`DROP INDEX "IDX_a88e6918b64524a25630ce27e2"`);
        await queryRunner.query(`ALTER TABLE "change_event" RENAME TO "temporary_change_event"`);
        await queryRunner.query(`CREATE TABLE "change_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agreementId" integer NOT NULL, "seq" integer NOT NULL, "kind" varchar(32) NOT NULL, "activityId" integer, "changedFields" text NOT NULL, "snapshot" text NOT NULL, "actorId" integer, "at" datetime(6) NOT NULL, CONSTRAINT "FK_a3d759ac2909dedc85816e7a7a5" FOREIGN KEY ("actorId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_548fb5227916b9684429e5236f7" FOREIGN KEY ("agreementId") REFERENCES "agreement" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "change_event"("id", "agreementId", "seq", "kind", "activityId", "changedFields", "snapshot", "actorId", "at") SELECT "id", "agreementId", "seq", "kind", "activityId", "changedFields", "snapshot", "actorId", "at" FROM "temporary_change_event"`);
        await queryRunner.query(`DROP TABLE "temporary_change_event"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a88e6918b64524a25630ce27e2" ON "change_event" ("agreementId", "seq") `);
        await queryRunner.query(`DROP INDEX "IDX_202f7c8b38dcd4a86768254962"`);
        await queryRunner.query(`DROP TABLE "meeting_decision_note"`);
        await queryRunner.query(`DROP INDEX "IDX_513f634f4458008ce8b90f0cc2"`);
        await queryRunner.query(`DROP TABLE "meeting_agenda_item"`);
        await queryRunner.query(`DROP INDEX "IDX_4daef305ba8ce9e000d7646a7f"`);
        await queryRunner.query(`DROP TABLE "meeting_attendance"`);
        await queryRunner.query(`DROP INDEX "IDX_8062a24acbfeee51a45c475700"`);
        await queryRunner.query(`DROP TABLE "meeting"`);
    }

}
