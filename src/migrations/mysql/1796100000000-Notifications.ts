import { MigrationInterface, QueryRunner } from "typeorm";

export class Notifications1796100000000 implements MigrationInterface {
    name = 'Notifications1796100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`job_lease\` (\`name\` varchar(64) NOT NULL, \`slot\` varchar(32) NOT NULL, \`holder\` varchar(100) NULL, \`leaseUntil\` varchar(32) NULL, \`startedAt\` datetime(6) NULL, \`finishedAt\` datetime(6) NULL, \`outcome\` varchar(16) NULL, \`detail\` varchar(1000) NULL, PRIMARY KEY (\`name\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`job_run\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(64) NOT NULL, \`slot\` varchar(32) NOT NULL, \`holder\` varchar(100) NOT NULL, \`startedAt\` datetime(6) NOT NULL, \`finishedAt\` datetime(6) NOT NULL, \`outcome\` varchar(16) NOT NULL, \`detail\` varchar(1000) NULL, INDEX \`IDX_e6488741a85b44c529b6fe8433\` (\`name\`, \`slot\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`notification\` (\`id\` int NOT NULL AUTO_INCREMENT, \`userId\` int NOT NULL, \`agreementId\` int NOT NULL, \`kind\` varchar(32) NOT NULL, \`reminderKey\` varchar(100) NOT NULL, \`subject\` varchar(300) NOT NULL, \`message\` varchar(1000) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`readAt\` datetime(6) NULL, \`emailStatus\` varchar(16) NOT NULL, \`emailAttempts\` int NOT NULL DEFAULT '0', INDEX \`IDX_b8b6488ba2c9111a8b0b1ffed3\` (\`emailStatus\`), INDEX \`IDX_b142beadffd32dfe9c1afc1c28\` (\`userId\`, \`readAt\`), UNIQUE INDEX \`IDX_21f0e61b26fe3ec2d1dbd232bd\` (\`userId\`, \`agreementId\`, \`reminderKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`ALTER TABLE \`notification\` ADD CONSTRAINT \`FK_1ced25315eb974b73391fb1c81b\` FOREIGN KEY (\`userId\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`notification\` ADD CONSTRAINT \`FK_5085c9108f1d34c93784ceed7a6\` FOREIGN KEY (\`agreementId\`) REFERENCES \`agreement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`notification\` DROP FOREIGN KEY \`FK_5085c9108f1d34c93784ceed7a6\``);
        await queryRunner.query(`ALTER TABLE \`notification\` DROP FOREIGN KEY \`FK_1ced25315eb974b73391fb1c81b\``);
        await queryRunner.query(`DROP INDEX \`IDX_21f0e61b26fe3ec2d1dbd232bd\` ON \`notification\``);
        await queryRunner.query(`DROP INDEX \`IDX_b142beadffd32dfe9c1afc1c28\` ON \`notification\``);
        await queryRunner.query(`DROP INDEX \`IDX_b8b6488ba2c9111a8b0b1ffed3\` ON \`notification\``);
        await queryRunner.query(`DROP TABLE \`notification\``);
        await queryRunner.query(`DROP INDEX \`IDX_e6488741a85b44c529b6fe8433\` ON \`job_run\``);
        await queryRunner.query(`DROP TABLE \`job_run\``);
        await queryRunner.query(`DROP TABLE \`job_lease\``);
    }

}
