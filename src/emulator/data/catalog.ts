/** Realistic commands for the generated fleet: names, scripts, parameters and what they print. */
import type { Rng } from './prng.js';

export type Os = 'linux' | 'windows';

export interface CommandSpec {
  name: string;
  type: 'SHELL' | 'POWERSHELL' | 'BAT';
  description: string;
  script: string;
  createdBy: 'TAT' | 'USER';
  timeout: number;
  /** JSON text of the command's default parameters ('' when none). */
  defaultParameters: string;
  /** Parameter values an invocation may pass (JSON text), picked at random. */
  parameterChoices?: string[];
  /** Usually run by a scheduled invoker. */
  scheduled?: boolean;
  /** Long output: full logs go to COS and some outputs are truncated. */
  verbose?: boolean;
  output(rng: Rng, instanceId: string): string;
  failure(rng: Rng): { exitCode: number; output: string };
}

const lines = (...parts: string[]): string => parts.join('\n') + '\n';

function packageLog(rng: Rng): string {
  const pkgs = [
    'openssl',
    'kernel',
    'glibc',
    'systemd',
    'curl',
    'nginx',
    'python3',
    'sudo',
    'tzdata',
    'bash',
    'libxml2',
    'vim-minimal',
  ];
  const out: string[] = [
    'Loaded plugins: fastestmirror, langpacks',
    'Loading mirror speeds from cached hostfile',
    'Resolving Dependencies',
  ];
  const count = rng.int(40, 900);
  for (let i = 0; i < count; i += 1) {
    const pkg = rng.pick(pkgs);
    out.push(
      `---> Package ${pkg}.x86_64 0:${rng.int(1, 9)}.${rng.int(0, 40)}.${rng.int(0, 20)}-${rng.int(1, 60)}.el7 will be an update`,
    );
    if (rng.chance(0.3))
      out.push(
        `  Verifying  : ${pkg}-${rng.int(1, 9)}.${rng.int(0, 40)}-${rng.int(1, 30)}.el7.x86_64    ${i + 1}/${count}`,
      );
  }
  out.push('', 'Complete!');
  return lines(...out);
}

const linux: CommandSpec[] = [
  {
    name: 'check-disk-usage',
    type: 'SHELL',
    description: '检查磁盘使用率，超过 85% 时告警',
    script:
      '#!/bin/bash\n# 检查根分区使用率\ndf -h\nusage=$(df / | awk \'NR==2 {print $5}\' | tr -d %)\n[ "$usage" -lt {{threshold}} ] || { echo "磁盘使用率过高: ${usage}%"; exit 1; }\n',
    createdBy: 'USER',
    timeout: 60,
    defaultParameters: '{"threshold":"85"}',
    parameterChoices: ['', '{"threshold":"90"}', '{"threshold":"80"}'],
    output: (rng) =>
      lines(
        'Filesystem      Size  Used Avail Use% Mounted on',
        'devtmpfs        1.9G     0  1.9G   0% /dev',
        'tmpfs           1.9G   24K  1.9G   1% /dev/shm',
        `/dev/vda1        50G   ${rng.int(8, 40)}G   ${rng.int(8, 40)}G  ${rng.int(20, 84)}% /`,
        `/dev/vdb        200G  ${rng.int(10, 150)}G  ${rng.int(40, 180)}G  ${rng.int(5, 80)}% /data`,
      ),
    failure: (rng) => ({
      exitCode: 1,
      output: lines(`/dev/vda1        50G   46G  4.0G  ${rng.int(90, 99)}% /`, `磁盘使用率过高: ${rng.int(90, 99)}%`),
    }),
  },
  {
    name: 'nginx-reload',
    type: 'SHELL',
    description: 'Test the nginx configuration and reload it',
    script: '#!/bin/bash\nset -e\nnginx -t\nsystemctl reload nginx\nsystemctl status nginx --no-pager | head -n 3\n',
    createdBy: 'USER',
    timeout: 60,
    defaultParameters: '',
    output: (rng) =>
      lines(
        'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok',
        'nginx: configuration file /etc/nginx/nginx.conf test is successful',
        '● nginx.service - The nginx HTTP and reverse proxy server',
        '   Loaded: loaded (/usr/lib/systemd/system/nginx.service; enabled; vendor preset: disabled)',
        `   Active: active (running) since Mon 2024-05-13 0${rng.int(1, 9)}:12:44 CST; ${rng.int(2, 60)} days ago`,
      ),
    failure: (rng) => ({
      exitCode: 1,
      output: lines(
        `nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:${rng.int(10, 80)}`,
        'nginx: configuration file /etc/nginx/nginx.conf test failed',
      ),
    }),
  },
  {
    name: 'system-update',
    type: 'SHELL',
    description: '安全补丁更新（yum update）',
    script: '#!/bin/bash\nyum -y update --security\nneeds-restarting -r || echo "需要重启"\n',
    createdBy: 'USER',
    timeout: 1800,
    defaultParameters: '',
    verbose: true,
    output: packageLog,
    failure: () => ({
      exitCode: 1,
      output: lines(
        'Loaded plugins: fastestmirror',
        'Error: Cannot retrieve repository metadata (repomd.xml) for repository: base. Please verify its path and try again',
      ),
    }),
  },
  {
    name: 'collect-logs',
    type: 'SHELL',
    description: 'Pack application logs of the last day for support',
    script:
      '#!/bin/bash\ncd {{path}}\nfind . -name "*.log" -mtime -1 | tar czf /tmp/logs-$(hostname).tgz -T -\nls -lh /tmp/logs-$(hostname).tgz\n',
    createdBy: 'USER',
    timeout: 300,
    defaultParameters: '{"path":"/var/log/app"}',
    parameterChoices: ['', '{"path":"/var/log/nginx"}', '{"path":"/data/logs"}'],
    output: (rng, instanceId) =>
      lines(`-rw-r--r-- 1 root root ${rng.int(1, 900)}M Jun  3 10:2${rng.int(0, 9)} /tmp/logs-${instanceId}.tgz`),
    failure: () => ({
      exitCode: 1,
      output: lines('/tmp/tat/script.sh: line 2: cd: /data/logs: No such file or directory'),
    }),
  },
  {
    name: 'docker-prune',
    type: 'SHELL',
    description: '清理无用的 Docker 镜像和容器',
    script: '#!/bin/bash\ndocker system prune -af --filter "until=168h"\n',
    createdBy: 'USER',
    timeout: 600,
    defaultParameters: '',
    output: (rng) => {
      const out = ['Deleted Containers:'];
      for (let i = 0; i < rng.int(1, 6); i += 1) out.push(rng.id(12) + rng.id(12));
      out.push('', 'Deleted Images:');
      for (let i = 0; i < rng.int(1, 12); i += 1) out.push(`deleted: sha256:${rng.id(32)}${rng.id(32)}`);
      out.push('', `Total reclaimed space: ${rng.int(100, 9000) / 10}MB`);
      return lines(...out);
    },
    failure: () => ({ exitCode: 127, output: lines('/tmp/tat/script.sh: line 2: docker: command not found') }),
  },
  {
    name: 'mysql-backup',
    type: 'SHELL',
    description: '每日 MySQL 全量备份（定时执行）',
    script:
      '#!/bin/bash\nset -o pipefail\nmysqldump --all-databases --single-transaction | gzip > /data/backup/mysql-$(date +%F).sql.gz\nls -lh /data/backup | tail -n 3\n',
    createdBy: 'USER',
    timeout: 3600,
    defaultParameters: '',
    scheduled: true,
    output: (rng) =>
      lines(
        `-rw-r--r-- 1 root root ${rng.int(1, 9)}.${rng.int(0, 9)}G Jun  2 03:1${rng.int(0, 9)} mysql-2024-06-02.sql.gz`,
        `-rw-r--r-- 1 root root ${rng.int(1, 9)}.${rng.int(0, 9)}G Jun  3 03:1${rng.int(0, 9)} mysql-2024-06-03.sql.gz`,
      ),
    failure: () => ({
      exitCode: 2,
      output: lines(
        "mysqldump: Got error: 2002: Can't connect to local MySQL server through socket '/var/lib/mysql/mysql.sock' (2) when trying to connect",
      ),
    }),
  },
  {
    name: 'restart-service',
    type: 'SHELL',
    description: 'Restart a systemd service',
    script: '#!/bin/bash\nsystemctl restart {{service}} && systemctl is-active {{service}}\n',
    createdBy: 'USER',
    timeout: 120,
    defaultParameters: '{"service":"app"}',
    parameterChoices: ['{"service":"nginx"}', '{"service":"redis"}', '{"service":"app"}'],
    output: () => lines('active'),
    failure: () => ({
      exitCode: 3,
      output: lines(
        'Job for app.service failed because the control process exited with error code.',
        'See "systemctl status app.service" and "journalctl -xe" for details.',
        'failed',
      ),
    }),
  },
  {
    name: 'TAT-SystemInfo',
    type: 'SHELL',
    description: '查看实例操作系统信息（公共命令）',
    script: '#!/bin/bash\nuname -a\ncat /etc/os-release | head -n 2\nuptime\n',
    createdBy: 'TAT',
    timeout: 60,
    defaultParameters: '',
    output: (rng, instanceId) =>
      lines(
        `Linux ${instanceId} 5.4.119-19.0009.${rng.int(10, 40)} #1 SMP Thu May 18 10:37:10 CST 2023 x86_64 x86_64 x86_64 GNU/Linux`,
        'NAME="TencentOS Server"',
        'VERSION="3.1 (Final)"',
        ` 10:${rng.int(10, 59)}:0${rng.int(0, 9)} up ${rng.int(1, 400)} days,  1 user,  load average: 0.0${rng.int(0, 9)}, 0.1${rng.int(0, 9)}, 0.0${rng.int(0, 9)}`,
      ),
    failure: () => ({ exitCode: 1, output: lines('cat: /etc/os-release: No such file or directory') }),
  },
  {
    name: 'TAT-CheckNetwork',
    type: 'SHELL',
    description: 'Check connectivity to the metadata service and the internet (public command)',
    script:
      '#!/bin/bash\ncurl -s -o /dev/null -w "%{http_code}\\n" http://metadata.tencentyun.com/latest/meta-data/\nping -c 3 mirrors.tencentyun.com\n',
    createdBy: 'TAT',
    timeout: 60,
    defaultParameters: '',
    output: (rng) =>
      lines(
        '200',
        'PING mirrors.tencentyun.com (169.254.0.3) 56(84) bytes of data.',
        `64 bytes from 169.254.0.3: icmp_seq=1 ttl=64 time=0.${rng.int(100, 999)} ms`,
        `64 bytes from 169.254.0.3: icmp_seq=2 ttl=64 time=0.${rng.int(100, 999)} ms`,
        `64 bytes from 169.254.0.3: icmp_seq=3 ttl=64 time=0.${rng.int(100, 999)} ms`,
        '',
        '--- mirrors.tencentyun.com ping statistics ---',
        '3 packets transmitted, 3 received, 0% packet loss, time 2003ms',
      ),
    failure: () => ({ exitCode: 2, output: lines('000', 'ping: mirrors.tencentyun.com: Name or service not known') }),
  },
  {
    name: '清理临时文件',
    type: 'SHELL',
    description: '删除 /tmp 下 7 天前的文件',
    script:
      '#!/bin/bash\n# 删除 7 天前的临时文件\nfind /tmp -type f -mtime +7 -print -delete | wc -l | xargs echo "已删除文件数:"\n',
    createdBy: 'USER',
    timeout: 120,
    defaultParameters: '',
    output: (rng) => lines(`已删除文件数: ${rng.int(0, 3000)}`),
    failure: () => ({ exitCode: 1, output: lines('find: ‘/tmp/systemd-private-1a2b’: Permission denied') }),
  },
];

const windows: CommandSpec[] = [
  {
    name: 'windows-hotfix-check',
    type: 'POWERSHELL',
    description: 'List the hotfixes installed in the last 30 days',
    script: 'Get-HotFix | Where-Object { $_.InstalledOn -gt (Get-Date).AddDays(-30) } | Format-Table -AutoSize\n',
    createdBy: 'USER',
    timeout: 300,
    defaultParameters: '',
    output: (rng, instanceId) => {
      const out = [
        '',
        'Source        Description      HotFixID      InstalledBy          InstalledOn',
        '------        -----------      --------      -----------          -----------',
      ];
      for (let i = 0; i < rng.int(1, 6); i += 1)
        out.push(
          `${instanceId.toUpperCase().slice(0, 12)}  Security Update  KB50${rng.int(10000, 39999)}     NT AUTHORITY\\SYSTEM  5/${rng.int(1, 28)}/2024 12:00:00 AM`,
        );
      return lines(...out, '');
    },
    failure: () => ({
      exitCode: 1,
      output: lines('Get-HotFix : Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))'),
    }),
  },
  {
    name: 'iis-restart',
    type: 'POWERSHELL',
    description: '重启 IIS 并检查 W3SVC 服务状态',
    script: '# 重启 IIS\nRestart-Service -Name W3SVC -Force\nGet-Service -Name W3SVC\n',
    createdBy: 'USER',
    timeout: 120,
    defaultParameters: '',
    output: () =>
      lines(
        '',
        'Status   Name               DisplayName',
        '------   ----               -----------',
        'Running  W3SVC              World Wide Web Publishing Service',
        '',
      ),
    failure: () => ({
      exitCode: 1,
      output: lines("Restart-Service : Cannot find any service with service name 'W3SVC'."),
    }),
  },
  {
    name: 'ipconfig-all',
    type: 'BAT',
    description: 'Show the network configuration',
    script: '@echo off\r\nipconfig /all\r\n',
    createdBy: 'USER',
    timeout: 60,
    defaultParameters: '',
    output: (rng) =>
      lines(
        '',
        'Windows IP Configuration',
        '',
        `   Host Name . . . . . . . . . . . . : 10_0_${rng.int(0, 9)}_${rng.int(2, 250)}`,
        '   Primary Dns Suffix  . . . . . . . : ',
        '',
        'Ethernet adapter Ethernet:',
        '',
        `   IPv4 Address. . . . . . . . . . . : 10.0.${rng.int(0, 9)}.${rng.int(2, 250)}(Preferred)`,
        '   Subnet Mask . . . . . . . . . . . : 255.255.255.0',
        '   DNS Servers . . . . . . . . . . . : 183.60.83.19',
      ),
    failure: () => ({ exitCode: 1, output: lines("'ipconfig' is not recognized as an internal or external command,") }),
  },
  {
    name: '清理临时目录-Windows',
    type: 'BAT',
    description: '清理 %TEMP% 目录',
    script: '@echo off\r\nREM 清理临时目录\r\ndel /q /s %TEMP%\\* > nul 2>&1\r\necho 清理完成\r\n',
    createdBy: 'USER',
    timeout: 120,
    defaultParameters: '',
    output: () => lines('清理完成'),
    failure: () => ({ exitCode: 5, output: lines('Access is denied.') }),
  },
];

export const LINUX_COMMANDS = linux;
export const WINDOWS_COMMANDS = windows;
