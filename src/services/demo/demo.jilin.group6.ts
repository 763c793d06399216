import { EXPERT6, G6, JL, OFFICE } from './demo.jilin.units.js';
import {
  accept,
  ack,
  approve,
  assign,
  close,
  expert,
  fourNotLetGo,
  list,
  noComplainant,
  plan,
  progress,
  publicNotice,
  rejectClosure,
  requestClosure,
  urge,
} from './demo.phrases.js';
import type { DemoProblem } from './demo.types.js';

/**
 * 第六督导帮扶工作组 (省林业和草原局牵头): 白城市 and 梅河口市 (run by the province directly).
 * Illustrative (示例数据).
 */
export const GROUP_6_PROBLEMS: DemoProblem[] = [
  {
    key: 'J26',
    on: '2020-07-31',
    as: G6,
    group: 'G6',
    problem: {
      title: '莫莫格国家级自然保护区核心区内违规建设',
      description: '省级督察“回头看”发现，莫莫格国家级自然保护区核心区内仍有违规建设的观鸟平台和道路。',
      source: 'provincial_look_back',
      areas: ['ecology'],
      subArea: 'nature_reserves',
      problemKind: 'look_back_key',
      regionCode: '220821',
    },
    steps: [
      ['2020-08-03', G6, assign(JL.zlGov, '2020-10-31', { co: [JL.bcForest], person: '镇赉县县长' })],
      ['2020-08-05', 'zl-gov', ack()],
      ['2020-08-12', OFFICE, list('province', '2020-10-31', '国家级自然保护区核心区问题，省级挂牌督办。')],
      [
        '2020-08-14',
        'zl-gov',
        plan('deadline', '2020-10-20', '核心区违规设施全部拆除，恢复湿地原貌', [
          ['拆除观鸟平台和核心区道路', '镇赉县人民政府', '2020-09-30'],
          ['恢复湿地植被和水系连通', '莫莫格保护区管理局', '2020-10-20'],
        ]),
      ],
      ['2020-08-17', G6, approve('同意。拆除须避开鸟类迁徙期。')],
      [
        '2020-10-20',
        'zl-gov',
        progress('2020-10-20', '违规设施全部拆除，湿地恢复完成。', { done: ['M1', 'M2'] }),
      ],
      [
        '2020-10-26',
        'zl-gov',
        requestClosure(
          fourNotLetGo(
            '保护区建设项目未经审批即开工，监管缺位。',
            '观鸟平台和道路全部拆除，湿地植被和水系连通恢复，经遥感核查确认。',
            ['遥感核查报告.pdf', '现场照片.zip'],
            { done: true, summary: '对保护区管理局局长给予政务记过处分，对县林草局分管负责人诫勉谈话。' },
            publicNotice('整改结果在白城市人民政府网站公示。'),
          ),
        ),
      ],
      [
        '2020-11-13',
        OFFICE,
        accept('2020-11-12', ['省领导小组办公室 赵晨', '郑海涛'], '省级现场核查，整改到位，同意销号。'),
      ],
      ['2020-11-23', OFFICE, close()],
    ],
  },
  {
    key: 'J27',
    on: '2020-08-03',
    as: G6,
    group: 'G6',
    problem: {
      title: '向海保护区周边湿地退化、草原被违规开垦',
      description: '省林草局掌握，向海国家级自然保护区周边部分湿地萎缩，约2,300亩草原被违规开垦为耕地。',
      source: 'department_finding',
      areas: ['ecology'],
      subArea: 'wetlands_grassland',
      problemKind: 'department_known',
      regionCode: '220822',
    },
    steps: [
      ['2020-08-06', G6, assign(JL.tyGov, '2021-10-31', { person: '通榆县县长' })],
      ['2020-08-08', 'ty-gov', ack()],
      [
        '2020-08-20',
        EXPERT6,
        expert(
          '上游来水减少、地下水位下降是湿地萎缩的主因；草原开垦源于土地权属不清和执法不严。',
          '实施生态补水并纳入河湖水量调度；开垦草原限期退耕还草，明确草原权属并落实禁牧休牧。',
        ),
      ],
      [
        '2020-09-04',
        'ty-gov',
        plan('long_term', '2021-10-31', '恢复被开垦草原2,300亩，湿地面积不减少', [
          ['违规开垦草原全部退耕还草', '通榆县林业和草原局', '2021-06-30'],
          ['向海湿地生态补水纳入年度调度', '通榆县水利局', '2021-10-31'],
        ]),
      ],
      ['2020-09-08', G6, approve()],
      ['2020-11-30', 'ty-gov', progress('2020-11-30', '完成秋季生态补水1,200万立方米；退耕还草完成800亩。')],
      ['2020-12-21', 'ty-gov', progress('2020-12-21', '草原权属确认完成，春季退耕计划已下达。')],
    ],
  },
  {
    key: 'J28',
    on: '2020-07-31',
    as: G6,
    group: 'G6',
    problem: {
      title: '白城市污水处理厂污泥临时堆存不规范',
      description: '省级督察“回头看”发现，白城市污水处理厂脱水污泥露天堆存，无防渗防雨措施。',
      source: 'provincial_look_back',
      areas: ['water'],
      subArea: 'sludge',
      problemKind: 'look_back_key',
      regionCode: '220800',
    },
    steps: [
      ['2020-08-04', G6, assign(JL.bcBureau, '2020-12-31')],
      ['2020-08-05', 'bc-bureau', ack()],
      [
        '2020-08-19',
        'bc-bureau',
        plan('deadline', '2020-12-15', '存量污泥全部无害化处置，新产生污泥规范贮存、及时处置', [
          ['建设防渗防雨污泥暂存库', '污水处理厂运营单位', '2020-10-31'],
          ['存量污泥送水泥窑协同处置', '白城市生态环境局', '2020-12-15'],
        ]),
      ],
      ['2020-08-21', G6, approve()],
      ['2020-10-30', 'bc-bureau', progress('2020-10-30', '污泥暂存库建成投用。', { done: ['M1'] })],
      ['2020-12-11', 'bc-bureau', progress('2020-12-11', '存量污泥4,600吨全部协同处置。', { done: ['M2'] })],
      [
        '2020-12-15',
        'bc-bureau',
        requestClosure(
          fourNotLetGo(
            '污水处理厂污泥处置出路不畅，运营单位规范意识不足。',
            '暂存库投用，存量污泥全部处置，建立污泥转移联单台账。',
            ['污泥转移联单.pdf', '暂存库照片.zip'],
            { done: true, summary: '对运营单位处罚5万元并约谈。' },
            publicNotice('整改结果在白城市生态环境局网站公示。'),
          ),
        ),
      ],
      [
        '2020-12-28',
        G6,
        accept('2020-12-28', ['冯雪', '郑海涛'], '现场核查，污泥规范贮存和处置，同意通过验收，进入公示。'),
      ],
    ],
  },
  {
    key: 'J29',
    on: '2020-07-31',
    as: G6,
    group: 'G6',
    problem: {
      title: '梅河口市生活垃圾填埋场渗滤液处理设施不能稳定运行',
      description: '省级督察“回头看”发现，梅河口市生活垃圾填埋场渗滤液处理设施频繁停运，渗滤液积存。',
      source: 'provincial_look_back',
      areas: ['soil'],
      subArea: 'solid_waste',
      problemKind: 'look_back_key',
      regionCode: '220581',
    },
    steps: [
      ['2020-08-03', G6, assign(JL.mhkGov, '2020-10-31', { co: [JL.mhkBureau] })],
      ['2020-08-04', 'mhk-gov', ack()],
      [
        '2020-08-12',
        'mhk-gov',
        plan('deadline', '2020-10-15', '渗滤液处理设施稳定运行，积存渗滤液清零', [
          ['更换处理设施膜组件，委托专业运维', '梅河口市城市管理局', '2020-09-15'],
          ['积存渗滤液应急处理', '梅河口市城市管理局', '2020-10-15'],
        ]),
      ],
      ['2020-08-14', G6, approve()],
      [
        '2020-10-13',
        'mhk-gov',
        progress('2020-10-13', '设施稳定运行，积存渗滤液清零。', { done: ['M1', 'M2'] }),
      ],
      [
        '2020-10-14',
        'mhk-gov',
        requestClosure(
          fourNotLetGo(
            '设施运维外包后监管缺失，膜组件超期使用。',
            '专业运维单位接管，设施连续运行30天，出水达标，积存渗滤液清零。',
            ['运行台账.xlsx', '出水检测报告.pdf'],
            { done: true, summary: '对城市管理局分管副局长诫勉谈话。' },
            publicNotice('整改结果在梅河口市人民政府网站公示。'),
          ),
        ),
      ],
      ['2020-10-20', G6, accept('2020-10-19', ['冯雪'], '现场核查，整改到位，同意销号。')],
      ['2020-10-30', OFFICE, close()],
    ],
  },
  {
    key: 'J30',
    on: '2020-08-03',
    as: G6,
    group: 'G6',
    problem: {
      title: '梅河口市建成区燃煤小锅炉未按期淘汰',
      description: '梅河口市建成区仍有18台10蒸吨/小时以下燃煤小锅炉未淘汰，原定2020年10月底前完成。',
      source: 'department_finding',
      areas: ['air'],
      subArea: 'coal_heating',
      problemKind: 'department_known',
      regionCode: '220581',
    },
    steps: [
      ['2020-08-06', G6, assign(JL.mhkBureau, '2020-10-31')],
      ['2020-08-07', 'mhk-bureau', ack()],
      [
        '2020-08-21',
        'mhk-bureau',
        plan('deadline', '2020-10-31', '供暖季前淘汰18台燃煤小锅炉', [
          ['13台并入集中供热', '梅河口市住房和城乡建设局', '2020-10-15'],
          ['5台改为电或燃气', '梅河口市生态环境局', '2020-10-31'],
        ]),
      ],
      ['2020-08-25', G6, approve()],
      ['2020-10-15', 'mhk-bureau', progress('2020-10-15', '13台已并网拆除。', { done: ['M1'] })],
      ['2020-11-05', G6, urge('整改期限已过，剩余5台锅炉仍未淘汰，请说明原因并加快推进。')],
      ['2020-11-20', 'mhk-bureau', progress('2020-11-20', '剩余5台因燃气管网未通暂未完成，已制定临时措施。')],
      ['2020-12-15', OFFICE, urge('已逾期45天，请于12月底前完成并报送；逾期将提请挂牌督办。')],
    ],
  },
  {
    key: 'J31',
    on: '2020-08-05',
    as: G6,
    group: 'G6',
    problem: {
      title: '洮儿河生态流量不足，需省级协调引嫩入白补水',
      description: '白城市反映：洮儿河下游枯水期断流，需省级协调引嫩入白工程调水指标，保障生态流量。',
      source: 'locality_request',
      areas: ['water'],
      subArea: 'river_quality',
      problemKind: 'locality_difficulty',
      regionCode: '220800',
    },
    steps: [
      ['2020-08-10', G6, assign(JL.bcGov, '2021-06-30', { co: [JL.water], person: '白城市分管副市长' })],
      ['2020-08-12', 'bc-gov', ack()],
      [
        '2020-08-28',
        'bc-gov',
        plan('deadline', '2021-06-30', '洮儿河下游枯水期不断流，生态流量达标率90%以上', [
          ['省水利厅协调下达引嫩入白年度生态补水指标', '吉林省水利厅', '2020-09-30'],
          ['实施秋季生态补水', '白城市水利局', '2020-11-15'],
          ['建设生态流量在线监测站', '白城市水利局', '2021-06-30'],
        ]),
      ],
      ['2020-09-01', G6, approve()],
      [
        '2020-11-16',
        'bc-gov',
        progress('2020-11-16', '省水利厅已下达补水指标，秋季补水完成。', { done: ['M1', 'M2'] }),
      ],
      [
        '2020-11-18',
        'bc-gov',
        requestClosure(
          fourNotLetGo(
            '调水指标未落实，缺少生态流量保障机制。',
            '补水指标落实，秋季补水完成。',
            ['补水调度记录.pdf'],
            { done: false, summary: '属于协调类问题，无需追责。' },
            noComplainant('地方反映的协调类问题，无具体举报人。'),
          ),
        ),
      ],
      [
        '2020-11-26',
        OFFICE,
        rejectClosure(
          '补水量仅为协调目标的60%，生态流量在线监测站尚未建设，缺少达标数据；整改不到位不放过，请继续整改。',
        ),
      ],
      ['2020-12-20', 'bc-gov', progress('2020-12-20', '生态流量在线监测站完成选址和设计。')],
    ],
  },
];
