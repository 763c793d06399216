import { HE, HE_OFFICE_LOGIN as HEO, lookBack, SJZ_CLERK, SJZ_OFFICE } from './demo.hebei.units.js';
import {
  accept,
  ack,
  approve,
  assign,
  close,
  extend,
  fourNotLetGo,
  list,
  noComplainant,
  plan,
  progress,
  publicNotice,
  rejectExtension,
  requestClosure,
  urge,
} from './demo.phrases.js';
import type { DemoProblem, DemoScreening } from './demo.types.js';

/**
 * 中央环保督察“回头看” findings on air: 散乱污, poor fuel, steel. Then 举一反三 from 藁城区
 * into three other cities. Illustrative (示例数据): places are real, enterprises and people are not.
 */
export const HEBEI_AIR: DemoProblem[] = [
  {
    key: 'H01',
    on: '2018-06-12',
    as: HEO,
    problem: {
      ...lookBack,
      title: '藁城区“散乱污”企业取缔后异地恢复生产',
      description:
        '“回头看”发现，藁城区部分已取缔的“散乱污”企业搬迁至村内院落夜间恢复生产，“两断三清”不彻底。',
      areas: ['air'],
      subArea: 'scattered_polluting',
      regionCode: '130109',
    },
    steps: [
      ['2018-06-13', HEO, assign(HE.sjzGov, '2018-09-30', { person: '石家庄市分管副市长' })],
      // 逐级交办: the city passes the item on to the district before it is signed for.
      [
        '2018-06-14',
        SJZ_OFFICE,
        assign(HE.gcGov, '2018-09-30', { co: [HE.sjzBureau], person: '藁城区区长' }),
      ],
      ['2018-06-15', 'gc-gov', ack()],
      ['2018-06-15', HEO, list('province', '2018-08-31', '“回头看”典型问题，群众反映强烈，省级挂牌督办。')],
      [
        '2018-06-22',
        'gc-gov',
        plan('immediate', '2018-08-25', '辖区“散乱污”企业动态清零，取缔类做到“两断三清”，杜绝死灰复燃', [
          ['拉网式排查，建立“散乱污”企业台账', '藁城区人民政府', '2018-07-05'],
          ['取缔类企业断水断电、清原料清设备清产品', '各乡镇人民政府', '2018-08-10'],
          ['整改提升类企业升级改造并验收', '石家庄市生态环境局藁城区分局', '2018-08-25'],
        ]),
      ],
      ['2018-06-25', HEO, approve('同意。每周报送一次进展，纳入省级挂牌督办台账。')],
      ['2018-07-06', 'gc-gov', progress('2018-07-06', '排查“散乱污”企业127家，建立台账。', { done: ['M1'] })],
      ['2018-07-27', 'gc-gov', progress('2018-07-27', '取缔类98家已完成“两断三清”76家。')],
      [
        '2018-08-17',
        'gc-gov',
        progress('2018-08-17', '取缔类98家全部完成“两断三清”；整改提升类29家通过验收。', {
          done: ['M2', 'M3'],
          evidence: ['“两断三清”影像资料.zip', '整改提升类验收意见.pdf'],
        }),
      ],
      [
        '2018-08-20',
        'gc-gov',
        requestClosure(
          fourNotLetGo(
            '乡镇属地排查不彻底，“两断三清”执行不到位，部分企业夜间偷偷恢复生产。',
            '127家“散乱污”企业中，取缔类98家全部完成“两断三清”，整改提升类29家完成升级改造并通过验收。',
            ['“两断三清”影像资料.zip', '整改提升类验收意见.pdf', '电力部门断电证明.pdf'],
            { done: true, summary: '对监管不力的2名乡镇分管负责人给予党内警告处分，对3名村干部诫勉谈话。' },
            publicNotice('整改结果自2018年8月20日起在藁城区人民政府网站和各乡镇公示栏公示，未收到异议。'),
          ),
        ),
      ],
      [
        '2018-08-28',
        HEO,
        accept(
          '2018-08-27',
          ['省督察整改办 李振华', '省生态环境厅 马骁'],
          '随机抽查20家企业，无恢复生产迹象，整改到位，同意销号。',
        ),
      ],
      ['2018-09-14', HEO, close()],
    ],
  },
  {
    key: 'H02',
    on: '2018-06-12',
    as: HEO,
    problem: {
      ...lookBack,
      title: '石家庄市黑加油站点和流动加油车反弹',
      description: '“回头看”发现，石家庄市城乡结合部黑加油站点和流动加油车屡禁不止，劣质油品流入市场。',
      areas: ['air'],
      subArea: 'vehicles_fuel',
      regionCode: '130100',
    },
    steps: [
      ['2018-06-13', HEO, assign(HE.sjzBureau, '2018-10-31', { person: '石家庄市生态环境局局长' })],
      ['2018-06-14', SJZ_CLERK, ack()],
      [
        '2018-06-26',
        SJZ_CLERK,
        plan('deadline', '2018-10-15', '黑加油站点动态清零，加油站油品抽检合格率98%以上', [
          ['会同公安、商务、市场监管开展联合执法', '石家庄市生态环境局', '2018-09-30'],
          ['建立有奖举报和油品抽检常态机制', '石家庄市生态环境局', '2018-10-15'],
        ]),
      ],
      ['2018-06-29', HEO, approve()],
      ['2018-07-31', SJZ_CLERK, progress('2018-07-31', '联合执法取缔黑加油站点43个、查扣流动加油车17辆。')],
      [
        '2018-09-28',
        SJZ_CLERK,
        progress('2018-09-28', '联合执法常态化；有奖举报和月度抽检机制建立，9月抽检合格率99%。', {
          done: ['M1', 'M2'],
          evidence: ['油品抽检报告（9月）.pdf'],
        }),
      ],
      [
        '2018-10-10',
        SJZ_CLERK,
        requestClosure(
          fourNotLetGo(
            '部门联动不足，对流动加油车缺少源头管控。',
            '取缔黑加油站点43个，查扣流动加油车17辆，建立联合执法和有奖举报机制，油品抽检合格率99%。',
            ['联合执法记录.pdf', '油品抽检报告（9月）.pdf'],
            { done: true, summary: '移送公安机关刑事立案2起；对2个区市场监管所负责人诫勉谈话。' },
            noComplainant('督察发现问题，无具体举报人；整改结果已在石家庄市政府网站公开。'),
          ),
        ),
      ],
      [
        '2018-10-19',
        HEO,
        accept('2018-10-18', ['省督察整改办 李振华'], '暗访12处城乡结合部，未发现黑加油站点，同意销号。'),
      ],
      ['2018-11-05', HEO, close()],
    ],
  },
  {
    key: 'H03',
    on: '2018-06-12',
    as: HEO,
    problem: {
      ...lookBack,
      title: '唐山市部分钢铁企业无组织排放管控不到位',
      description: '“回头看”发现，唐山市部分钢铁企业料场未封闭、皮带通廊和转运点扬尘明显。',
      areas: ['air'],
      regionCode: '130200',
    },
    steps: [
      ['2018-06-13', HEO, assign(HE.tsBureau, '2018-12-31', { person: '唐山市生态环境局局长' })],
      ['2018-06-14', 'ts-bureau', ack()],
      [
        '2018-06-20',
        HEO,
        list('province', '2018-12-31', '钢铁行业无组织排放是秋冬季攻坚重点，省级挂牌督办。'),
      ],
      [
        '2018-07-05',
        'ts-bureau',
        plan('deadline', '2018-12-20', '涉及的14家钢铁企业料场全封闭、物料输送全密闭', [
          ['料场全封闭改造', '相关企业', '2018-12-20'],
          ['皮带通廊和转运点密闭并配套除尘', '相关企业', '2018-11-30'],
          ['厂区道路和运输车辆冲洗全覆盖', '相关企业', '2018-09-30'],
        ]),
      ],
      ['2018-07-10', HEO, approve()],
      ['2018-09-28', 'ts-bureau', progress('2018-09-28', '14家企业车辆冲洗设施全部到位。', { done: ['M3'] })],
      [
        '2018-11-30',
        'ts-bureau',
        progress('2018-11-30', '皮带通廊密闭完成；料场封闭完成11家。', { done: ['M2'] }),
      ],
      ['2018-12-10', 'ts-bureau', extend('2019-06-30', '剩余3家企业料棚钢结构跨度大，冬季低温无法施工。')],
      [
        '2018-12-14',
        HEO,
        rejectExtension(
          '无组织排放治理是秋冬季攻坚重点任务，不予延期；请采取苫盖、喷淋等临时措施，并加快施工。',
        ),
      ],
      ['2019-01-07', HEO, list('province', '2019-05-31', '逾期未完成，继续省级挂牌督办。')],
      ['2019-03-15', 'ts-bureau', progress('2019-03-15', '开春后复工，剩余3家料棚主体结构完成60%。')],
      ['2019-04-10', HEO, urge('挂牌期限将至，剩余3家料场封闭工程须于5月底前完成。')],
      ['2019-05-30', 'ts-bureau', progress('2019-05-30', '又完成2家，剩余1家预计7月完工。')],
    ],
  },
];

/** 举一反三: after 藁城区 was closed, the province screens three other cities for the same thing. */
export const HEBEI_SCREENINGS: DemoScreening[] = [
  {
    origin: 'H01',
    on: '2019-06-12',
    as: HEO,
    items: [
      {
        key: 'H01-TS',
        regionCode: '130200',
        steps: [
          ['2019-06-14', HEO, assign(HE.tsBureau, '2019-09-30')],
          ['2019-06-18', 'ts-bureau', ack()],
        ],
      },
      {
        key: 'H01-HD',
        regionCode: '130400',
        steps: [['2019-06-25', HEO, assign(HE.hdBureau, '2019-09-30')]],
      },
      { key: 'H01-BD', regionCode: '130600', steps: [] },
    ],
  },
];
