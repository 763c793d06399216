import { HE, HE_OFFICE_LOGIN as HEO, lookBack, SJZ_CLERK } from './demo.hebei.units.js';
import {
  accept,
  ack,
  approve,
  assign,
  fourNotLetGo,
  list,
  plan,
  progress,
  publicNotice,
  requestClosure,
  returnPlan,
} from './demo.phrases.js';
import type { DemoProblem } from './demo.types.js';

/**
 * 中央环保督察“回头看” findings on mines, groundwater, sludge and rivers.
 * Illustrative (示例数据): places are real, enterprises and people are not.
 */
export const HEBEI_WATER_MINES: DemoProblem[] = [
  {
    key: 'H04',
    on: '2018-06-12',
    as: HEO,
    problem: {
      ...lookBack,
      title: '武安市露天矿山未按要求开展环境综合治理',
      description: '“回头看”发现，武安市部分露天矿山边开采边破坏，责任主体灭失矿山迹地未治理。',
      areas: ['ecology'],
      subArea: 'mines',
      regionCode: '130481',
    },
    steps: [
      ['2018-06-14', HEO, assign(HE.waGov, '2019-12-31', { co: [HE.hdBureau], person: '武安市市长' })],
      ['2018-06-15', 'wa-gov', ack()],
      [
        '2018-06-20',
        HEO,
        list('province', '2019-12-31', '矿山环境综合整治为“回头看”重点领域，省级挂牌督办。'),
      ],
      [
        '2018-07-13',
        'wa-gov',
        plan('long_term', '2019-12-31', '2019年底前完成责任主体灭失矿山迹地治理，在产矿山达到绿色矿山标准', [
          ['关停取缔无证和手续不全矿山', '武安市人民政府', '2018-09-30'],
          ['责任主体灭失矿山迹地综合治理', '武安市自然资源和规划局', '2019-12-31'],
          ['在产矿山绿色矿山建设', '武安市自然资源和规划局', '2019-12-31'],
        ]),
      ],
      ['2018-07-18', HEO, approve()],
      ['2018-10-30', 'wa-gov', progress('2018-10-30', '关停无证和手续不全矿山21家。', { done: ['M1'] })],
      ['2019-04-30', 'wa-gov', progress('2019-04-30', '完成迹地治理1,050亩，占任务的48%。')],
      [
        '2019-06-25',
        'hd-bureau',
        progress('2019-06-25', '邯郸市生态环境局复核：迹地治理累计完成63%，扬尘管控到位。'),
      ],
    ],
  },
  {
    key: 'H09',
    on: '2018-06-12',
    as: HEO,
    problem: {
      ...lookBack,
      title: '沧州市深层地下水压采未完成年度任务',
      description: '“回头看”发现，沧州市2017年深层地下水压采量未完成年度任务，地下水漏斗区水位持续下降。',
      areas: ['water'],
      subArea: 'groundwater',
      regionCode: '130900',
    },
    steps: [
      ['2018-06-14', HEO, assign(HE.czWater, '2020-12-31', { person: '沧州市水务局局长' })],
      ['2018-06-15', 'cz-water', ack()],
      [
        '2018-07-16',
        'cz-water',
        plan('long_term', '2020-12-31', '完成压采任务', [['关停自备井', '沧州市水务局', '2020-12-31']]),
      ],
      [
        '2018-07-20',
        HEO,
        returnPlan('压采量目标须分解到县（市、区）和年度；替代水源（引江水）配套工程须列出时间表。'),
      ],
      [
        '2018-08-03',
        'cz-water',
        plan('long_term', '2020-12-31', '2020年底前深层地下水压采1.8亿立方米，漏斗区水位止跌回升', [
          ['城镇公共供水管网覆盖区自备井全部关停', '沧州市水务局', '2019-06-30'],
          ['引江水配套管网和地表水厂建设', '沧州市水务局', '2020-06-30'],
          ['农业节水灌溉和季节性休耕', '沧州市农业农村局', '2020-12-31'],
        ]),
      ],
      ['2018-08-08', HEO, approve('同意。压采任务完成情况按季度报送。')],
      ['2018-12-25', 'cz-water', progress('2018-12-25', '关停自备井1,216眼，2018年压采0.62亿立方米。')],
      [
        '2019-06-20',
        'cz-water',
        progress('2019-06-20', '城镇公共供水管网覆盖区自备井全部关停，漏斗中心水位同比回升0.8米。', {
          done: ['M1'],
          evidence: ['地下水位监测报告（2019年二季度）.pdf'],
        }),
      ],
    ],
  },
  {
    key: 'H10',
    on: '2018-06-12',
    as: HEO,
    problem: {
      ...lookBack,
      title: '石家庄市部分污水处理厂污泥违规堆存',
      description: '“回头看”发现，石家庄市2座污水处理厂脱水污泥长期露天堆存于厂外洼地，未按规定处置。',
      areas: ['water'],
      subArea: 'sludge',
      regionCode: '130100',
    },
    steps: [
      ['2018-06-13', HEO, assign(HE.sjzBureau, '2019-06-30')],
      ['2018-06-14', SJZ_CLERK, ack()],
      [
        '2018-07-02',
        SJZ_CLERK,
        plan('deadline', '2019-06-15', '存量污泥全部无害化处置，新建污泥处置设施投运', [
          ['存量污泥清运并送热电厂协同焚烧', '石家庄市生态环境局', '2018-12-15'],
          ['堆存场地土壤调查和修复', '石家庄市生态环境局', '2019-03-31'],
          ['新建日处理400吨污泥干化焚烧设施', '石家庄市城市管理综合行政执法局', '2019-06-15'],
        ]),
      ],
      ['2018-07-05', HEO, approve()],
      ['2018-09-28', SJZ_CLERK, progress('2018-09-28', '存量污泥已清运5.2万吨。')],
      ['2018-12-20', SJZ_CLERK, progress('2018-12-20', '存量污泥全部清运处置。', { done: ['M1'] })],
      ['2019-03-29', SJZ_CLERK, progress('2019-03-29', '堆存场地土壤修复完成并通过评估。', { done: ['M2'] })],
      [
        '2019-05-31',
        SJZ_CLERK,
        progress('2019-05-31', '污泥干化焚烧设施投运。', {
          done: ['M3'],
          evidence: ['设施竣工环保验收意见.pdf'],
        }),
      ],
      [
        '2019-06-10',
        SJZ_CLERK,
        requestClosure(
          fourNotLetGo(
            '污泥处置设施规划建设滞后，污水处理厂运营单位违规外运堆存。',
            '存量污泥全部处置，场地修复，干化焚烧设施投运，污泥处置实行转移联单管理。',
            ['设施竣工环保验收意见.pdf', '场地修复效果评估报告.pdf', '污泥转移联单.zip'],
            { done: true, summary: '对运营单位处罚20万元；对市城管局分管副局长诫勉谈话。' },
            publicNotice('整改结果在石家庄市人民政府网站公示。'),
          ),
        ),
      ],
      [
        '2019-06-24',
        HEO,
        accept(
          '2019-06-21',
          ['省督察整改办 李振华', '省生态环境厅 马骁'],
          '现场核查，整改到位，同意通过验收，进入公示。',
        ),
      ],
    ],
  },
  {
    key: 'H11',
    on: '2018-06-12',
    as: HEO,
    problem: {
      ...lookBack,
      title: '保定市府河水质未达到考核要求',
      description: '“回头看”发现，府河保定段入白洋淀断面氨氮、总磷超标，沿河排口整治不彻底。',
      areas: ['water'],
      subArea: 'river_quality',
      regionCode: '130600',
    },
    steps: [
      ['2018-06-14', HEO, assign(HE.bdBureau, '2019-06-30', { person: '保定市生态环境局局长' })],
      ['2018-06-15', 'bd-bureau', ack()],
      [
        '2018-07-10',
        'bd-bureau',
        plan('deadline', '2019-06-20', '府河入淀断面水质稳定达到Ⅳ类', [
          ['沿河排口全部溯源整治', '保定市生态环境局', '2018-12-31'],
          ['城区污水处理厂提标改造', '保定市住房和城乡建设局', '2019-05-31'],
          ['建设府河河口湿地', '保定市水利局', '2019-06-20'],
        ]),
      ],
      ['2018-07-13', HEO, approve()],
      ['2018-10-31', 'bd-bureau', progress('2018-10-31', '完成排口溯源整治132个。')],
      [
        '2019-03-29',
        'bd-bureau',
        progress('2019-03-29', '排口整治全部完成；提标改造完成。', { done: ['M1', 'M2'] }),
      ],
      [
        '2019-06-14',
        'bd-bureau',
        progress('2019-06-14', '河口湿地建成，入淀断面连续3个月达到Ⅳ类。', {
          done: ['M3'],
          evidence: ['入淀断面水质月报.pdf'],
        }),
      ],
      [
        '2019-06-20',
        'bd-bureau',
        requestClosure(
          fourNotLetGo(
            '沿河排口底数不清、污水处理能力和标准不足。',
            '排口全部整治，污水处理厂提标，河口湿地建成，入淀断面连续3个月达标。',
            ['入淀断面水质月报.pdf', '排口整治台账.xlsx'],
            { done: true, summary: '对2个排口整治严重滞后的乡镇主要负责人约谈。' },
            publicNotice('整改结果在保定市人民政府网站公示。'),
          ),
        ),
      ],
    ],
  },
];
