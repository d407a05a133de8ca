import { MigrationInterface, QueryRunner } from "typeorm";

export class Workflow1795835965038 implements MigrationInterface {
    name = 'Workflow1795835965038'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`action_plan\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agreementId\` int NOT NULL, \`reviewRound\` int NOT NULL, \`note\` varchar(1000) NULL, \`attachedById\` int NULL, \`supersededAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_1927964f320071e1c21e5486b0\` (\`agreementId\`, \`supersededAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`action_plan_item\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actionPlanId\` int NOT NULL, \`position\` int NOT NULL, \`activityId\` int NOT NULL, \`responsibleOpdId\` int NOT NULL, \`startOn\` date NULL, \`endOn\` date NULL, \`quarter\` varchar(7) NULL, \`description\` varchar(1000) NULL, INDEX \`IDX_d548272392df613a576011d671\` (\`actionPlanId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`opd_presentation\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agreementId\` int NOT NULL, \`opdId\` int NOT NULL, \`reviewRound\` int NOT NULL, \`presentedOn\` date NOT NULL, \`note\` varchar(1000) NULL, \`recordedById\` int NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_8e41bde1ac9d67c2c80c4622d7\` (\`agreementId\`, \`reviewRound\`, \`opdId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`agreement\` ADD \`reviewRound\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`agreement\` ADD \`terminationNoticeOn\` date NULL`);
        await queryRunner.query(`ALTER TABLE \`action_plan\` ADD CONSTRAINT \`FK_0c094e282849cd11e464815cd7e\` FOREIGN KEY (\`agreementId\`) REFERENCES \`agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`action_plan_item\` ADD CONSTRAINT \`FK_a3344b5324fc58d0d1f487fcbb6\` FOREIGN KEY (\`actionPlanId\`) REFERENCES \`action_plan\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`action_plan_item\` ADD CONSTRAINT \`FK_e3370695d180571dc09bb6e735b\` FOREIGN KEY (\`activityId\`) REFERENCES \`draft_activity\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`action_plan_item\` ADD CONSTRAINT \`FK_a6d0631e8b78ab521be3ab51d2b\` FOREIGN KEY (\`responsibleOpdId\`) REFERENCES \`opd\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`opd_presentation\` ADD CONSTRAINT \`FK_9694718f0d1203748c970257a66\` FOREIGN KEY (\`agreementId\`) REFERENCES \`agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`opd_presentation\` ADD CONSTRAINT \`FK_23990411de9d89ac6bcbeeefb83\` FOREIGN KEY (\`opdId\`) REFERENCES \`opd\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`opd_presentation\` DROP FOREIGN KEY \`FK_23990411de9d89ac6bcbeeefb83\``);
        await queryRunner.query(`ALTER TABLE \`opd_presentation\` DROP FOREIGN KEY \`FK_9694718f0d1203748c970257a66\``);
        await queryRunner.query(`ALTER TABLE \`action_plan_item\` DROP FOREIGN KEY \`FK_a6d0631e8b78ab521be3ab51d2b\``);
        await queryRunner.query(`ALTER TABLE \`action_plan_item\` DROP FOREIGN KEY \`FK_e3370695d180571dc09bb6e735b\``);
        await queryRunner.query(`ALTER TABLE \`action_plan_item\` DROP FOREIGN KEY \`FK_a3344b5324fc58d0d1f487fcbb6\``);
        await queryRunner.query(`ALTER TABLE \`action_plan\` DROP FOREIGN KEY \`FK_0c094e282849cd11e464815cd7e\``);
        await queryRunner.query(`ALTER TABLE \`agreement\` DROP COLUMN \`terminationNoticeOn\``);
        await queryRunner.query(`ALTER TABLE \`agreement\` DROP COLUMN \`reviewRound\``);
        await queryRunner.query(`DROP INDEX \`IDX_8e41bde1ac9d67c2c80c4622d7\` ON \`opd_presentation\``);
        await queryRunner.query(`DROP TABLE \`opd_presentation\``);
        await queryRunner.query(`DROP INDEX \`IDX_d548272392df613a576011d671\` ON \`action_plan_item\``);
        await queryRunner.query(`DROP TABLE \`action_plan_item\``);
        await queryRunner.query(`DROP INDEX \`IDX_1927964f320071e1c21e5486b0\` ON \`action_plan\``);
        await queryRunner.query(`DROP TABLE \`action_plan\``);
    }

}
