import { MigrationInterface, QueryRunner } from "typeorm";

export class Meetings1796200000000 implements MigrationInterface {
    name = 'Meetings1796200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`meeting\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agreementId\` int NOT NULL, \`title\` varchar(300) NOT NULL, \`heldOn\` date NOT NULL, \`startTime\` varchar(5) NULL, \`place\` varchar(300) NOT NULL, \`chairName\` varchar(200) NULL, \`chairOffice\` varchar(200) NOT NULL, \`state\` varchar(32) NOT NULL, \`note\` varchar(1000) NULL, \`openedAt\` datetime(6) NULL, \`openSeq\` int NULL, \`closedAt\` datetime(6) NULL, \`closeSeq\` int NULL, \`cancelledAt\` datetime(6) NULL, \`cancelReason\` varchar(1000) NULL, \`openingBoard\` text NULL, \`decisionsSnapshot\` text NULL, \`createdById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_8062a24acbfeee51a45c475700\` (\`agreementId\`, \`state\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`meeting_attendance\` (\`id\` int NOT NULL AUTO_INCREMENT, \`meetingId\` int NOT NULL, \`position\` int NOT NULL, \`opdId\` int NULL, \`personName\` varchar(200) NULL, \`personOffice\` varchar(200) NULL, \`status\` varchar(32) NOT NULL, \`representedBy\` varchar(200) NULL, \`recordedById\` int NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_4daef305ba8ce9e000d7646a7f\` (\`meetingId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`meeting_agenda_item\` (\`id\` int NOT NULL AUTO_INCREMENT, \`meetingId\` int NOT NULL, \`position\` int NOT NULL, \`title\` varchar(300) NOT NULL, \`note\` varchar(2000) NULL, INDEX \`IDX_513f634f4458008ce8b90f0cc2\` (\`meetingId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`meeting_decision_note\` (\`id\` int NOT NULL AUTO_INCREMENT, \`meetingId\` int NOT NULL, \`activityId\` int NOT NULL, \`note\` varchar(2000) NOT NULL, UNIQUE INDEX \`IDX_202f7c8b38dcd4a86768254962\` (\`meetingId\`, \`activityId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`change_event\` ADD \`meetingId\` int NULL`);
        await queryRunner.query(`CREATE INDEX \`IDX_6505ca427ba9ae7044798d17b9\` ON \`change_event\` (\`meetingId\`)`);
        await queryRunner.query(`ALTER TABLE \`meeting\` ADD CONSTRAINT \`FK_53e5263a3bb950a13726edf2c39\` FOREIGN KEY (\`agreementId\`) REFERENCES \`agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`meeting_attendance\` ADD CONSTRAINT \`FK_ecdef7c62282d4473d83ea14973\` FOREIGN KEY (\`meetingId\`) REFERENCES \`meeting\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`meeting_attendance\` ADD CONSTRAINT \`FK_09c8718ef7559ded2c59cc81d5f\` FOREIGN KEY (\`opdId\`) REFERENCES \`opd\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`meeting_agenda_item\` ADD CONSTRAINT \`FK_5b617ddb09c0b05f5cda93a626e\` FOREIGN KEY (\`meetingId\`) REFERENCES \`meeting\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`meeting_decision_note\` ADD CONSTRAINT \`FK_f33be47cf09549d7f6251be92b9\` FOREIGN KEY (\`meetingId\`) REFERENCES \`meeting\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`meeting_decision_note\` DROP FOREIGN KEY \`FK_f33be47cf09549d7f6251be92b9\``);
        await queryRunner.query(`ALTER TABLE \`meeting_agenda_item\` DROP FOREIGN KEY \`FK_5b617ddb09c0b05f5cda93a626e\``);
        await queryRunner.query(`ALTER TABLE \`meeting_attendance\` DROP FOREIGN KEY \`FK_09c8718ef7559ded2c59cc81d5f\``);
        await queryRunner.query(`ALTER TABLE \`meeting_attendance\` DROP FOREIGN KEY \`FK_ecdef7c62282d4473d83ea14973\``);
        await queryRunner.query(`ALTER TABLE \`meeting\` DROP FOREIGN KEY \`FK_53e5263a3bb950a13726edf2c39\``);
        await queryRunner.query(`DROP INDEX \`IDX_6505ca427ba9ae7044798d17b9\` ON \`change_event\``);
        await queryRunner.query(`ALTER TABLE \`change_event\` DROP COLUMN \`meetingId\``);
        await queryRunner.query(`DROP INDEX \`IDX_202f7c8b38dcd4a86768254962\` ON \`meeting_decision_note\``);
        await queryRunner.query(`DROP TABLE \`meeting_decision_note\``);
        await queryRunner.query(`DROP INDEX \`IDX_513f634f4458008ce8b90f0cc2\` ON \`meeting_agenda_item\``);
        await queryRunner.query(`DROP TABLE \`meeting_agenda_item\``);
        await queryRunner.query(`DROP INDEX \`IDX_4daef305ba8ce9e000d7646a7f\` ON \`meeting_attendance\``);
        await queryRunner.query(`DROP TABLE \`meeting_attendance\``);
        await queryRunner.query(`DROP INDEX \`IDX_8062a24acbfeee51a45c475700\` ON \`meeting\``);
        await queryRunner.query(`DROP TABLE \`meeting\``);
    }

}
