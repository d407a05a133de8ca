import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795835725404 implements MigrationInterface {
    name = 'Initial1795835725404'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`country\` (\`code\` varchar(2) NOT NULL, \`name\` varchar(100) NOT NULL, PRIMARY KEY (\`code\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`partner_city\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(200) NOT NULL, \`region\` varchar(200) NOT NULL, \`countryCode\` varchar(2) NOT NULL, \`level\` varchar(32) NOT NULL, \`indonesianMission\` varchar(200) NULL, \`archivedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_2785e0c559c08becbbc5b5e6b0\` (\`countryCode\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`agreement_field_entry\` (\`agreementId\` int NOT NULL, \`field\` varchar(32) NOT NULL, INDEX \`IDX_e8ef7cf0635b24530717693a7b\` (\`field\`), PRIMARY KEY (\`agreementId\`, \`field\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`agreement\` (\`id\` int NOT NULL AUTO_INCREMENT, \`title\` varchar(300) NOT NULL, \`kind\` varchar(32) NOT NULL, \`partnerCityId\` int NOT NULL, \`scope\` text NOT NULL, \`status\` varchar(32) NOT NULL, \`statusChangedAt\` datetime(6) NOT NULL, \`loiSignedOn\` date NULL, \`dprdApprovedOn\` date NULL, \`mouSignedOn\` date NULL, \`validityMonths\` int NULL, \`expiresOn\` date NULL, \`boardSeq\` int NOT NULL DEFAULT '0', \`version\` int NOT NULL, \`archivedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_65c3a4e6ed218f8c70801715a6\` (\`expiresOn\`), INDEX \`IDX_f05e63b450449f89ffd9978511\` (\`partnerCityId\`), INDEX \`IDX_6afeba785c6e26f5f5829bb1f3\` (\`status\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`agreement_document\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agreementId\` int NOT NULL, \`kind\` varchar(32) NOT NULL, \`number\` varchar(100) NULL, \`signedOn\` date NULL, \`validityMonths\` int NULL, \`validUntil\` date NULL, \`note\` varchar(1000) NULL, \`archivedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_38390fb1ee7e3303c66e16d954\` (\`agreementId\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`opd\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(32) NOT NULL, \`name\` varchar(200) NOT NULL, UNIQUE INDEX \`IDX_55a160a7e2981c19ca9b6cebfb\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`user\` (\`id\` int NOT NULL AUTO_INCREMENT, \`email\` varchar(254) NOT NULL, \`name\` varchar(200) NOT NULL, \`role\` varchar(32) NOT NULL, \`opdId\` int NULL, \`passwordHash\` varchar(255) NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`change_event\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agreementId\` int NOT NULL, \`seq\` int NOT NULL, \`kind\` varchar(32) NOT NULL, \`activityId\` int NULL, \`changedFields\` text NOT NULL, \`snapshot\` text NOT NULL, \`actorId\` int NULL, \`at\` datetime(6) NOT NULL, UNIQUE INDEX \`IDX_a88e6918b64524a25630ce27e2\` (\`agreementId\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`draft_activity\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agreementId\` int NOT NULL, \`opdId\` int NOT NULL, \`title\` varchar(300) NOT NULL, \`scope\` text NOT NULL, \`benefit\` text NOT NULL, \`output\` text NOT NULL, \`year\` int NULL, \`budgetEstimate\` bigint NULL, \`fundingSource\` varchar(32) NULL, \`decision\` varchar(32) NOT NULL, \`position\` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, \`version\` int NOT NULL DEFAULT '1', \`fieldVersions\` text NOT NULL, \`removedAt\` datetime(6) NULL, \`updatedById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_1c8de120e051f22ca2185295d9\` (\`opdId\`), INDEX \`IDX_c570167d5fa62688cdbf489228\` (\`agreementId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`status_change\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agreementId\` int NOT NULL, \`fromStatus\` varchar(32) NULL, \`toStatus\` varchar(32) NOT NULL, \`actorId\` int NULL, \`note\` varchar(1000) NULL, \`at\` datetime(6) NOT NULL, INDEX \`IDX_747a76472fe96053bd803f5344\` (\`agreementId\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`partner_city\` ADD CONSTRAINT \`FK_cc5f70234f14decbf89eabaa8dc\` FOREIGN KEY (\`countryCode\`) REFERENCES \`country\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`agreement_field_entry\` ADD CONSTRAINT \`FK_8b7d9dcca834b5496f3c1cc402c\` FOREIGN KEY (\`agreementId\`) REFERENCES \`agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`agreement\` ADD CONSTRAINT \`FK_f05e63b450449f89ffd99785113\` FOREIGN KEY (\`partnerCityId\`) REFERENCES \`partner_city\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`agreement_document\` ADD CONSTRAINT \`FK_451eef37b9819e21075a7919fb7\` FOREIGN KEY (\`agreementId\`) REFERENCES \`agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`user\` ADD CONSTRAINT \`FK_d69801ba9270eaa359015e951da\` FOREIGN KEY (\`opdId\`) REFERENCES \`opd\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`change_event\` ADD CONSTRAINT \`FK_548fb5227916b9684429e5236f7\` FOREIGN KEY (\`agreementId\`) REFERENCES \`agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`change_event\` ADD CONSTRAINT \`FK_a3d759ac2909dedc85816e7a7a5\` FOREIGN KEY (\`actorId\`) REFERENCES \`user\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`draft_activity\` ADD CONSTRAINT \`FK_851b2cfde348398923599414c09\` FOREIGN KEY (\`agreementId\`) REFERENCES \`agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`draft_activity\` ADD CONSTRAINT \`FK_1c8de120e051f22ca2185295d97\` FOREIGN KEY (\`opdId\`) REFERENCES \`opd\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`status_change\` ADD CONSTRAINT \`FK_7e5a3bf829d94efc5767bdc5896\` FOREIGN KEY (\`agreementId\`) REFERENCES \`agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`status_change\` ADD CONSTRAINT \`FK_52ca9cb1b0b06f0f3179c64fea4\` FOREIGN KEY (\`actorId\`) REFERENCES \`user\`(\`id\`) ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`status_change\` DROP FOREIGN KEY \`FK_52ca9cb1b0b06f0f3179c64fea4\``);
        await queryRunner.query(`ALTER TABLE \`status_change\` DROP FOREIGN KEY \`FK_7e5a3bf829d94efc5767bdc5896\``);
        await queryRunner.query(`ALTER TABLE \`draft_activity\` DROP FOREIGN KEY \`FK_1c8de120e051f22ca2185295d97\``);
        await queryRunner.query(`ALTER TABLE \`draft_activity\` DROP FOREIGN KEY \`FK_851b2cfde348398923599414c09\``);
        await queryRunner.query(`ALTER TABLE \`change_event\` DROP FOREIGN KEY \`FK_a3d759ac2909dedc85816e7a7a5\``);
        await queryRunner.query(`ALTER TABLE \`change_event\` DROP FOREIGN KEY \`FK_548fb5227916b9684429e5236f7\``);
        await queryRunner.query(`ALTER TABLE \`user\` DROP FOREIGN KEY \`FK_d69801ba9270eaa359015e951da\``);
        await queryRunner.query(`ALTER TABLE \`agreement_document\` DROP FOREIGN KEY \`FK_451eef37b9819e21075a7919fb7\``);
        await queryRunner.query(`ALTER TABLE \`agreement\` DROP FOREIGN KEY \`FK_f05e63b450449f89ffd99785113\``);
        await queryRunner.query(`ALTER TABLE \`agreement_field_entry\` DROP FOREIGN KEY \`FK_8b7d9dcca834b5496f3c1cc402c\``);
        await queryRunner.query(`ALTER TABLE \`partner_city\` DROP FOREIGN KEY \`FK_cc5f70234f14decbf89eabaa8dc\``);
        await queryRunner.query(`DROP INDEX \`IDX_747a76472fe96053bd803f5344\` ON \`status_change\``);
        await queryRunner.query(`DROP TABLE \`status_change\``);
        await queryRunner.query(`DROP INDEX \`IDX_c570167d5fa62688cdbf489228\` ON \`draft_activity\``);
        await queryRunner.query(`DROP INDEX \`IDX_1c8de120e051f22ca2185295d9\` ON \`draft_activity\``);
        await queryRunner.query(`DROP TABLE \`draft_activity\``);
        await queryRunner.query(`DROP INDEX \`IDX_a88e6918b64524a25630ce27e2\` ON \`change_event\``);
        await queryRunner.query(`DROP TABLE \`change_event\``);
        await queryRunner.query(`DROP INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` ON \`user\``);
        await queryRunner.query(`DROP TABLE \`user\``);
        await queryRunner.query(`DROP INDEX \`IDX_55a160a7e2981c19ca9b6cebfb\` ON \`opd\``);
        await queryRunner.query(`DROP TABLE \`opd\``);
        await queryRunner.query(`DROP INDEX \`IDX_38390fb1ee7e3303c66e16d954\` ON \`agreement_document\``);
        await queryRunner.query(`DROP TABLE \`agreement_document\``);
        await queryRunner.query(`DROP INDEX \`IDX_6afeba785c6e26f5f5829bb1f3\` ON \`agreement\``);
        await queryRunner.query(`DROP INDEX \`IDX_f05e63b450449f89ffd9978511\` ON \`agreement\``);
        await queryRunner.query(`DROP INDEX \`IDX_65c3a4e6ed218f8c70801715a6\` ON \`agreement\``);
        await queryRunner.query(`DROP TABLE \`agreement\``);
        await queryRunner.query(`DROP INDEX \`IDX_e8ef7cf0635b24530717693a7b\` ON \`agreement_field_entry\``);
        await queryRunner.query(`DROP TABLE \`agreement_field_entry\``);
        await queryRunner.query(`DROP INDEX \`IDX_2785e0c559c08becbbc5b5e6b0\` ON \`partner_city\``);
        await queryRunner.query(`DROP TABLE \`partner_city\``);
        await queryRunner.query(`DROP TABLE \`country\``);
    }

}
