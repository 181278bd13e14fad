<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddAccountDialog</name>
    <message>
        <source>Add account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <source>The new user logs in with this name and PIN.</source>
        <translation>新用户用这个登录名和 PIN 登录。</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>PIN (4–12 digits)</source>
        <translation>PIN（4–12 位数字）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>The first date is after the last one.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <source>Checking the audit log...</source>
        <translation>正在检查审计日志…</translation>
    </message>
    <message>
        <source>Checking the audit log</source>
        <translation>正在检查审计日志</translation>
    </message>
    <message>
        <source>The audit log was changed outside the program ({n} problems): {list}</source>
        <translation>审计日志在程序之外被改动（{n} 处问题）：{list}</translation>
    </message>
    <message>
        <source>The audit log is intact: no entry was changed, deleted or inserted outside the program.</source>
        <translation>审计日志完好：没有记录在程序之外被修改、删除或插入。</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <source>Choose an entry to see all of it.</source>
        <translation>选择一条记录查看全部内容。</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the log again and check it</source>
        <translation>重新读取并检查审计日志</translation>
    </message>
    <message>
        <source>Only an administrator or approver can read the audit log.</source>
        <translation>只有管理员或审核人可以查看审计日志。</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>日期从</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Saved for this printer.</source>
        <translation>已为这台打印机保存。</translation>
    </message>
    <message>
        <source>Calibrate the printer</source>
        <translation>校准打印机</translation>
    </message>
    <message>
        <source>1. Print the calibration page on plain paper.
2. Lay it on a sheet of labels and hold both against the light.
3. If a cross sits 1.5 mm right of its label&apos;s centre, enter -1.5 across; if it sits 1 mm too low, enter -1 down. Print again to check, then save.</source>
        <translation>1. 用普通纸打印校准页。
2. 把它叠在一张标签纸上，对着光看。
3. 如果十字在标签中心右边 1.5 毫米，横向填 -1.5；如果低了 1 毫米，纵向填 -1。再打印一次核对，然后保存。</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Shift across (right +)</source>
        <translation>横向偏移（向右为 +）</translation>
    </message>
    <message>
        <source>Shift down (down +)</source>
        <translation>纵向偏移（向下为 +）</translation>
    </message>
    <message>
        <source>Print calibration page…</source>
        <translation>打印校准页…</translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <source>No item with code, GTIN or name “{text}”</source>
        <translation>没有编码、GTIN 或名称为“{text}”的物资</translation>
    </message>
    <message>
        <source>All lots</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <source>Batch {batch} (expires {date})</source>
        <translation>批号 {batch}（有效期至 {date}）</translation>
    </message>
    <message>
        <source>Choose an item, or scan its barcode into the item box.</source>
        <translation>请选择物资，或把条码扫入“物资”框。</translation>
    </message>
    <message>
        <source>all lots</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <source>{code} {name}, {what}: {n} movements; on hand now {qty}</source>
        <translation>{code} {name}，{what}：共 {n} 笔收发；当前结存 {qty}</translation>
    </message>
    <message>
        <source>Stock card</source>
        <translation>物资台账</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Type a code or name, or scan</source>
        <translation>输入编码或名称，或扫码</translation>
    </message>
    <message>
        <source>Type part of the code or name and pick from the list, or scan the barcode</source>
        <translation>输入部分编码或名称后从列表中选择，或扫描条码</translation>
    </message>
</context>
<context>
    <name>CardTableModel</name>
    <message>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>Voucher no.</source>
        <translation>单据号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>往来方</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>In</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>结存</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <source>Catalogue</source>
        <translation>物资目录</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>新增物资</translation>
    </message>
    <message>
        <source>Add an item to the catalogue (Ctrl+N)</source>
        <translation>向物资目录添加物资（Ctrl+N）</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Edit the selected item (Ctrl+E or double-click)</source>
        <translation>修改选中的物资（Ctrl+E 或双击）</translation>
    </message>
    <message>
        <source>Search by code, name, specification or GTIN</source>
        <translation>按编码、名称、规格或 GTIN 搜索</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>共 {n} 种物资</translation>
    </message>
    <message>
        <source>Select an item to see all of its details; double-click to edit it.</source>
        <translation>选中一种物资可查看全部信息；双击可修改。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>English name: {v}</source>
        <translation>英文名称：{v}</translation>
    </message>
    <message>
        <source>Category: {v}</source>
        <translation>类别：{v}</translation>
    </message>
    <message>
        <source>Reusable: {v}</source>
        <translation>可重复使用：{v}</translation>
    </message>
    <message>
        <source>Notes: {v}</source>
        <translation>备注：{v}</translation>
    </message>
</context>
<context>
    <name>CatalogueTableModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Packs</source>
        <translation>包装</translation>
    </message>
    <message>
        <source>Hazard class</source>
        <translation>危险类别</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>执行标准</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>注册证</translation>
    </message>
    <message>
        <source>Min. shelf life</source>
        <translation>最短剩余效期</translation>
    </message>
    <message>
        <source>GTINs</source>
        <translation>GTIN 条码</translation>
    </message>
    <message>
        <source>required</source>
        <translation>需要</translation>
    </message>
    <message>
        <source>no</source>
        <translation>不需要</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Change my PIN</source>
        <translation>修改我的 PIN</translation>
    </message>
    <message>
        <source>Type your current PIN, then the new one twice.</source>
        <translation>先输入当前 PIN，再输入两次新 PIN。</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>当前 PIN</translation>
    </message>
    <message>
        <source>New PIN (4–12 digits)</source>
        <translation>新 PIN（4–12 位数字）</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>再次输入新 PIN</translation>
    </message>
</context>
<context>
    <name>CountTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Item code</source>
        <translation>物资编码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资名称</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应有数量</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数量</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>差异原因</translation>
    </message>
    <message>
        <source>(empty slot)</source>
        <translation>（空货位）</translation>
    </message>
    <message>
        <source>0 ✓ ok</source>
        <translation>0 ✓ 相符</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Today {date}</source>
        <translation>今天 {date}</translation>
    </message>
    <message>
        <source>first {date}</source>
        <translation>最早 {date}</translation>
    </message>
    <message>
        <source>Expired lots</source>
        <translation>已过期批次</translation>
    </message>
    <message>
        <source>write off</source>
        <translation>待报损</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Lots past their expiry still on the shelves: open Write-offs</source>
        <translation>已过期但仍在货架上的批次：打开报损页</translation>
    </message>
    <message>
        <source>Expire in &lt; {n} days</source>
        <translation>{n} 天内到期</translation>
    </message>
    <message>
        <source>Lots to use first: open Stock</source>
        <translation>应优先发放使用的批次：打开库存页</translation>
    </message>
    <message>
        <source>Expire in {a}–{b} days</source>
        <translation>{a}–{b} 天内到期</translation>
    </message>
    <message>
        <source>Lots to watch: open Stock</source>
        <translation>需要留意的批次：打开库存页</translation>
    </message>
    <message>
        <source>Below reserve target</source>
        <translation>低于储备标准</translation>
    </message>
    <message>
        <source>of {n} items with a standard</source>
        <translation>共 {n} 种物资设有储备标准</translation>
    </message>
    <message>
        <source>no standards set yet</source>
        <translation>尚未设置储备标准</translation>
    </message>
    <message>
        <source>Items to top up (填平补齐): open Reserve</source>
        <translation>需要填平补齐的物资：打开储备页</translation>
    </message>
    <message>
        <source>Overdue loans</source>
        <translation>借用逾期</translation>
    </message>
    <message>
        <source>collect them back</source>
        <translation>请及时收回</translation>
    </message>
    <message>
        <source>Loans past their due date: open Loans</source>
        <translation>超过归还日期的借用：打开借用页</translation>
    </message>
    <message>
        <source>Open requisitions</source>
        <translation>未完成申领</translation>
    </message>
    <message>
        <source>{n} waiting for approval</source>
        <translation>{n} 张待审批</translation>
    </message>
    <message>
        <source>Requisitions to decide or issue: open Issue › Requisitions</source>
        <translation>待审批或待发放的申领：打开出库发放 › 申领</translation>
    </message>
    <message>
        <source>Last stocktake</source>
        <translation>上次盘点</translation>
    </message>
    <message>
        <source>no stocktake yet</source>
        <translation>尚未盘点</translation>
    </message>
    <message>
        <source>Count the shelves: open Stocktake</source>
        <translation>清点货架：打开盘点页</translation>
    </message>
    <message>
        <source>{date}, {n} days ago</source>
        <translation>{date}，{n} 天前</translation>
    </message>
    <message>
        <source>Accuracy (lines without a difference) of stocktake {number}</source>
        <translation>盘点 {number} 的账实相符率（无差异行的比例）</translation>
    </message>
    <message>
        <source>Click to open</source>
        <translation>点击打开</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 项</translation>
    </message>
    <message>
        <source>{name} · batch {batch} · expired {date} ({when}) · {qty} {unit}</source>
        <translation>{name} · 批号 {batch} · {date} 过期（{when}）· {qty} {unit}</translation>
    </message>
    <message>
        <source>{name} · batch {batch} · expires {date} ({when}) · {qty} {unit}</source>
        <translation>{name} · 批号 {batch} · {date} 到期（{when}）· {qty} {unit}</translation>
    </message>
    <message>
        <source>Expired ({n})</source>
        <translation>已过期（{n}）</translation>
    </message>
    <message>
        <source>Expiring within {days} days ({n})</source>
        <translation>{days} 天内到期（{n}）</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>{n} 天前</translation>
    </message>
    <message>
        <source>in {n} days</source>
        <translation>还有 {n} 天</translation>
    </message>
    <message>
        <source>Below reserve target ({n})</source>
        <translation>低于储备标准（{n}）</translation>
    </message>
    <message>
        <source>{name} · usable {usable} of {target} {unit} · buy {packs} {pack}</source>
        <translation>{name} · 可用 {usable} / 目标 {target} {unit} · 需补 {packs} {pack}</translation>
    </message>
    <message>
        <source>Overdue loans ({n})</source>
        <translation>借用逾期（{n}）</translation>
    </message>
    <message>
        <source>{number} · {borrower} · due {date}, {n} days overdue</source>
        <translation>{number} · {borrower} · 应于 {date} 归还，已逾期 {n} 天</translation>
    </message>
    <message>
        <source>Open requisitions ({n})</source>
        <translation>未完成申领（{n}）</translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>to issue</source>
        <translation>待发放</translation>
    </message>
    <message>
        <source>Nothing needs attention today.</source>
        <translation>今天没有需要处理的事项。</translation>
    </message>
    <message>
        <source>Used per week</source>
        <translation>每周用量</translation>
    </message>
    <message>
        <source>Used per day</source>
        <translation>每天用量</translation>
    </message>
    <message>
        <source>Nothing was issued in the last {n} days</source>
        <translation>最近 {n} 天没有发放记录</translation>
    </message>
    <message>
        <source>Issues, class rounds and loans, less their reversals, in base units</source>
        <translation>出库、班级发放和借出（扣除冲销），按基本单位计</translation>
    </message>
    <message>
        <source>Days of cover (usable stock ÷ average daily use, last 90 days)</source>
        <translation>可用天数（可用库存 ÷ 近 90 天日均用量）</translation>
    </message>
    <message>
        <source>No item was used in the last 90 days</source>
        <translation>最近 90 天没有物资被领用</translation>
    </message>
    <message>
        <source>{n} of {total} items that were used, fewest days first; ▏= reserve days</source>
        <translation>有领用的 {total} 种物资中最少的 {n} 种；▏= 储备天数</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Warning days…</source>
        <translation>提醒天数…</translation>
    </message>
    <message>
        <source>How many days before expiry a lot shows orange and yellow</source>
        <translation>批次在到期前多少天显示橙色和黄色提醒</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>待处理事项</translation>
    </message>
    <message>
        <source>Consumption, last 90 days</source>
        <translation>近 90 天消耗</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>可用天数</translation>
    </message>
    <message>
        <source>Drawing the chart…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Top items</source>
        <translation>用量最大的物资</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>按天</translation>
    </message>
</context>
<context>
    <name>DecideDialog</name>
    <message>
        <source>Approve requisition</source>
        <translation>审批申领</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>申请数量</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>批准数量</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Decide</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Welcome to Storekeeper</source>
        <translation>欢迎使用防疫物资库管</translation>
    </message>
    <message>
        <source>Enter your institution&apos;s name and create the first account. It can manage the other accounts later. Nothing else needs setting up.</source>
        <translation>请填写单位名称，并创建第一个账户（以后可用它管理其他账户）。其他都不需要设置。</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>PIN (4–12 digits)</source>
        <translation>PIN（4–12 位数字）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <source>e.g. Sunshine Kindergarten</source>
        <translation>例如：阳光幼儿园</translation>
    </message>
    <message>
        <source>letters or digits, e.g. admin</source>
        <translation>字母或数字，例如 admin</translation>
    </message>
</context>
<context>
    <name>FoundPanel</name>
    <message>
        <source>Found stock not on the list</source>
        <translation>清单外发现的物资（盘盈）</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Item code or GTIN</source>
        <translation>物资编码或 GTIN</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数量</translation>
    </message>
    <message>
        <source>Add found lot</source>
        <translation>添加盘盈</translation>
    </message>
    <message>
        <source>Scan or type</source>
        <translation>扫码或输入</translation>
    </message>
</context>
<context>
    <name>IssuePage</name>
    <message>
        <source>Issue</source>
        <translation>出库发放</translation>
    </message>
    <message>
        <source>Requisitions</source>
        <translation>申领</translation>
    </message>
    <message>
        <source>Overrides</source>
        <translation>超标审批记录</translation>
    </message>
    <message>
        <source>Disinfectant log</source>
        <translation>消毒液使用登记</translation>
    </message>
</context>
<context>
    <name>IssueTab</name>
    <message>
        <source>Receiver</source>
        <translation>领用人/部门</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发放</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>What it is for, e.g. daily mask round</source>
        <translation>用途，如：每日口罩发放</translation>
    </message>
    <message>
        <source>Class round</source>
        <translation>班级批量</translation>
    </message>
    <message>
        <source>One line per member</source>
        <translation>每人一行</translation>
    </message>
    <message>
        <source>For a class or department: one line for each active member, this many each</source>
        <translation>按班级或部门：每位在岗人员一行，每人这么多</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Add a line (Ctrl+N)</source>
        <translation>添加一行（Ctrl+N）</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <source>New issue</source>
        <translation>新建出库</translation>
    </message>
    <message>
        <source>Sign and issue…</source>
        <translation>签字并出库…</translation>
    </message>
    <message>
        <source>Check, sign and post (Ctrl+Enter)</source>
        <translation>检查、签字并过账（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Voucher PDF…</source>
        <translation>出库单 PDF…</translation>
    </message>
    <message>
        <source>Sign sheet PDF…</source>
        <translation>签领表 PDF…</translation>
    </message>
    <message>
        <source>Issues posted, newest first</source>
        <translation>出库记录（最新在前）</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>领用人</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Why this lot</source>
        <translation>换批原因</translation>
    </message>
    <message>
        <source>Pick from (slot · batch · qty)</source>
        <translation>取货（货位 · 批号 · 数量）</translation>
    </message>
    <message>
        <source>Allowance</source>
        <translation>领用标准</translation>
    </message>
    <message>
        <source>Issue to {name}: {n} lines for {people} people.</source>
        <translation>发放给 {name}：{n} 行，共 {people} 人。</translation>
    </message>
    <message>
        <source>Posted {code}. Print the voucher, or the sign sheet for everyone to sign.</source>
        <translation>已过账 {code}。可打印出库单，或打印签领表让每人签字。</translation>
    </message>
    <message>
        <source>Against requisition {code}</source>
        <translation>按申领单 {code} 发放</translation>
    </message>
    <message>
        <source>First expiry (automatic)</source>
        <translation>先到期先出（自动）</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Daily mask round</source>
        <translation>每日口罩发放</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>The item has unsaved changes. Close the form and discard them?</source>
        <translation>物资信息有未保存的修改。要关闭表单并放弃这些修改吗？</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>新增物资</translation>
    </message>
    <message>
        <source>Edit item</source>
        <translation>修改物资</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Base unit</source>
        <translation>基本单位</translation>
    </message>
    <message>
        <source>Pack units</source>
        <translation>包装单位</translation>
    </message>
    <message>
        <source>Hazard class</source>
        <translation>危险类别</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>执行标准</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>注册证</translation>
    </message>
    <message>
        <source>Min. shelf life</source>
        <translation>最短剩余效期</translation>
    </message>
    <message>
        <source>Reusable</source>
        <translation>可重复使用</translation>
    </message>
    <message>
        <source>GTINs</source>
        <translation>GTIN 条码</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>e.g. FH-N95</source>
        <translation>例如 FH-N95</translation>
    </message>
    <message>
        <source>Base units in each pack, smallest first, e.g. box=50;case=1000</source>
        <translation>每种包装含多少基本单位，从小到大，例如 盒=50;箱=1000</translation>
    </message>
    <message>
        <source>Registration certificate required</source>
        <translation>需要医疗器械注册证</translation>
    </message>
    <message>
        <source>Lent out and returned (equipment)</source>
        <translation>可借出归还（设备）</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Shortest remaining shelf life accepted on receipt; 0 for no rule</source>
        <translation>入库验收时可接受的最短剩余有效期；0 表示不限</translation>
    </message>
    <message>
        <source>Barcodes of this item; separate several with ;</source>
        <translation>该物资的条码；多个之间用 ; 分隔</translation>
    </message>
    <message>
        <source>Save the item (Enter)</source>
        <translation>保存物资（Enter）</translation>
    </message>
</context>
<context>
    <name>LabelTemplateDialog</name>
    <message>
        <source>New label template</source>
        <translation>新建标签模板</translation>
    </message>
    <message>
        <source>Measure the label sheet with a ruler, in millimetres from the top-left corner of the page. A roll holds one label per page.</source>
        <translation>用尺子量标签纸，单位毫米，从页面左上角算起。标签卷每页一张标签。</translation>
    </message>
    <message>
        <source>Short name (a-z, 0-9, -)</source>
        <translation>简称（a-z、0-9、-）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Page width</source>
        <translation>页面宽度</translation>
    </message>
    <message>
        <source>Page height</source>
        <translation>页面高度</translation>
    </message>
    <message>
        <source>Label width</source>
        <translation>标签宽度</translation>
    </message>
    <message>
        <source>Label height</source>
        <translation>标签高度</translation>
    </message>
    <message>
        <source>Corner radius</source>
        <translation>圆角半径</translation>
    </message>
    <message>
        <source>Left edge of the first label</source>
        <translation>第一张标签左边距</translation>
    </message>
    <message>
        <source>Top edge of the first label</source>
        <translation>第一张标签上边距</translation>
    </message>
    <message>
        <source>Across: label to label</source>
        <translation>横向间距（标签到标签）</translation>
    </message>
    <message>
        <source>Down: label to label</source>
        <translation>纵向间距（标签到标签）</translation>
    </message>
    <message>
        <source>Labels across</source>
        <translation>每行标签数</translation>
    </message>
    <message>
        <source>Labels down</source>
        <translation>每列标签数</translation>
    </message>
    <message>
        <source>Sheet (A4 and the like)</source>
        <translation>标签纸（A4 等）</translation>
    </message>
    <message>
        <source>Roll (thermal printer)</source>
        <translation>标签卷（热敏打印机）</translation>
    </message>
</context>
<context>
    <name>LabelsPage</name>
    <message>
        <source>Print labels</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <source>Print {n} labels? Check the paper in the printer first.</source>
        <translation>要打印 {n} 张标签吗？请先检查打印机里的标签纸。</translation>
    </message>
    <message>
        <source>Saving the labels</source>
        <translation>正在保存标签</translation>
    </message>
    <message>
        <source>Printing the labels</source>
        <translation>正在打印标签</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>{n} labels sent to the printer</source>
        <translation>已将 {n} 张标签发送到打印机</translation>
    </message>
    <message>
        <source>Could not write or print: {text}</source>
        <translation>无法保存或打印：{text}</translation>
    </message>
    <message>
        <source>Making the labels…</source>
        <translation>正在生成标签…</translation>
    </message>
    <message>
        <source>{size}, {cols} × {rows} = {n} labels a sheet</source>
        <translation>{size}，{cols} × {rows}，每张 {n} 个标签</translation>
    </message>
    <message>
        <source>{size}, thermal roll, one label a page</source>
        <translation>{size}，热敏标签卷，每页一张</translation>
    </message>
    <message>
        <source>your own template</source>
        <translation>自定义模板</translation>
    </message>
    <message>
        <source>No labels: the chosen slots hold nothing.</source>
        <translation>没有标签：所选货位上没有物资。</translation>
    </message>
    <message>
        <source>{n} labels on {pages} sheets</source>
        <translation>{n} 张标签，共 {pages} 页</translation>
    </message>
    <message>
        <source>{n} labels</source>
        <translation>{n} 张标签</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>(preview shows the first {n})</source>
        <translation>（预览只显示前 {n} 页）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Nothing to print: the chosen slots hold nothing.</source>
        <translation>没有可打印的标签：所选货位上没有物资。</translation>
    </message>
    <message>
        <source>Save labels as PDF</source>
        <translation>将标签保存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <source>Delete the template “{name}”?</source>
        <translation>删除模板“{name}”吗？</translation>
    </message>
    <message>
        <source>Shelf labels</source>
        <translation>货位标签</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print the labels at 100 % scale (Ctrl+P)</source>
        <translation>按 100% 比例打印标签（Ctrl+P）</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Save the labels as a PDF file (Ctrl+S)</source>
        <translation>将标签保存为 PDF 文件（Ctrl+S）</translation>
    </message>
    <message>
        <source>Label sheet or roll</source>
        <translation>标签纸或标签卷</translation>
    </message>
    <message>
        <source>New template…</source>
        <translation>新建模板…</translation>
    </message>
    <message>
        <source>Add a label sheet or roll of your own, measured in millimetres</source>
        <translation>按毫米尺寸添加自己的标签纸或标签卷</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Calibrate printer…</source>
        <translation>校准打印机…</translation>
    </message>
    <message>
        <source>Print a test page and correct where this printer puts the labels</source>
        <translation>打印测试页，校正这台打印机的打印位置</translation>
    </message>
    <message>
        <source>Start at label</source>
        <translation>从第几个标签开始</translation>
    </message>
    <message>
        <source>On a partly used sheet, the first free label (counted across, then down)</source>
        <translation>用过一部分的标签纸：第一个空白标签（先横后竖数）</translation>
    </message>
    <message>
        <source>Which labels</source>
        <translation>打印哪些标签</translation>
    </message>
    <message>
        <source>All slots</source>
        <translation>全部货位</translation>
    </message>
    <message>
        <source>One zone</source>
        <translation>一个库区</translation>
    </message>
    <message>
        <source>The slots ticked below</source>
        <translation>下面勾选的货位</translation>
    </message>
    <message>
        <source>Also empty slots (slot code and QR code only)</source>
        <translation>空货位也打印（只有货位编码和二维码）</translation>
    </message>
    <message>
        <source>On each label (the slot code always)</source>
        <translation>每个标签上显示（货位编码总会显示）</translation>
    </message>
    <message>
        <source>Item name</source>
        <translation>物资名称</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Hazard mark</source>
        <translation>危险标志</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>二维码</translation>
    </message>
    <message>
        <source>Batch barcode</source>
        <translation>批号条码</translation>
    </message>
    <message>
        <source>Find a slot, zone or item</source>
        <translation>查找货位、库区或物资</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>存放物资</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次数</translation>
    </message>
    <message>
        <source>◀ Previous page</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Next page ▶</source>
        <translation>下一页 ▶</translation>
    </message>
</context>
<context>
    <name>LendDialog</name>
    <message>
        <source>Lend equipment</source>
        <translation>借出设备</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借用人</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Due back</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Sign and lend…</source>
        <translation>签字并借出…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Loan to {name}, due back {date}; the head approves.</source>
        <translation>借给 {name}，应于 {date} 归还；由负责人审批。</translation>
    </message>
</context>
<context>
    <name>LinePanel</name>
    <message>
        <source>Expected</source>
        <translation>应有数量</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>差异原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Type the count, Enter for the next line</source>
        <translation>输入实盘数量，回车到下一行</translation>
    </message>
    <message>
        <source>What happened (optional)</source>
        <translation>情况说明（可不填）</translation>
    </message>
    <message>
        <source>Save line</source>
        <translation>保存本行</translation>
    </message>
    <message>
        <source>Save this line&apos;s count and reason (Enter)</source>
        <translation>保存本行的实盘数量和原因（回车）</translation>
    </message>
    <message>
        <source>— no reason —</source>
        <translation>— 未填原因 —</translation>
    </message>
</context>
<context>
    <name>LoansPage</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借用人</translation>
    </message>
    <message>
        <source>Lent on</source>
        <translation>借出日期</translation>
    </message>
    <message>
        <source>Due back</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Still out</source>
        <translation>未还数量</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>归还日期</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>借用单</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>状况</translation>
    </message>
    <message>
        <source>Disinfected</source>
        <translation>已消毒</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办</translation>
    </message>
    <message>
        <source>Loans and returns</source>
        <translation>借用归还</translation>
    </message>
    <message>
        <source>Lend…</source>
        <translation>借出…</translation>
    </message>
    <message>
        <source>Take back…</source>
        <translation>归还…</translation>
    </message>
    <message>
        <source>Only what is still out</source>
        <translation>只看未归还</translation>
    </message>
    <message>
        <source>Mark disinfected</source>
        <translation>标记已消毒</translation>
    </message>
    <message>
        <source>Loans</source>
        <translation>借用</translation>
    </message>
    <message>
        <source>Returns and disinfection</source>
        <translation>归还与消毒</translation>
    </message>
    <message>
        <source>Overdue {n} days</source>
        <translation>逾期 {n} 天</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未消毒</translation>
    </message>
    <message>
        <source>Choose a loan that is still out</source>
        <translation>请选择一笔未归还的借用</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
</context>
<context>
    <name>LotsTab</name>
    <message>
        <source>Batch number, item name or code</source>
        <translation>批号、物资名称或编码</translation>
    </message>
    <message>
        <source>Only lots on hold</source>
        <translation>只看冻结批次</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>冻结</translation>
    </message>
    <message>
        <source>The lot stays on its slots but cannot be issued or lent</source>
        <translation>批次留在货位上，但不能发放或借出</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除冻结</translation>
    </message>
    <message>
        <source>Trace PDF…</source>
        <translation>追溯表 PDF…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现存</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>Where it came from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Everyone who received it</source>
        <translation>领用人员及部门</translation>
    </message>
    <message>
        <source>Still on the shelves</source>
        <translation>现存</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Found {code} {name}</source>
        <translation>已找到 {code} {name}</translation>
    </message>
    <message>
        <source>No item has the code or GTIN “{text}”; showing search results instead</source>
        <translation>没有编码或 GTIN 为“{text}”的物资，下面显示搜索结果</translation>
    </message>
    <message>
        <source>About Storekeeper</source>
        <translation>关于 Storekeeper</translation>
    </message>
    <message>
        <source>Storekeeper (防疫物资库管) version {version}</source>
        <translation>防疫物资库管 Storekeeper 版本 {version}</translation>
    </message>
    <message>
        <source>Data file: {path}
Font: Storekeeper Hei (WenQuanYi Micro Hei, Apache-2.0)</source>
        <translation>数据文件：{path}
字体：Storekeeper Hei（文泉驿微米黑，Apache-2.0 许可）</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>What needs doing today: expiry, reserve, loans, requisitions</source>
        <translation>今天要处理的事：效期、储备、借用、申领</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Stock on hand by item, lot and slot</source>
        <translation>按物资、批次和货位查看现有库存</translation>
    </message>
    <message>
        <source>Items and their rules</source>
        <translation>物资及其管理规则</translation>
    </message>
    <message>
        <source>Every movement of an item or lot</source>
        <translation>物资或批次的每一笔收发</translation>
    </message>
    <message>
        <source>Institution, language, data file, accounts</source>
        <translation>单位、语言、数据文件、账户</translation>
    </message>
    <message>
        <source>Print shelf labels with QR codes</source>
        <translation>打印带二维码的货位标签</translation>
    </message>
    <message>
        <source>Inspect a delivery, put it on slots, sign and post</source>
        <translation>验收到货、上架、双方签字后入库</translation>
    </message>
    <message>
        <source>Zones, racks and what each slot holds</source>
        <translation>库区、货架以及每个货位存放的物资</translation>
    </message>
    <message>
        <source>Count the shelves, post the differences with sign-off</source>
        <translation>清点货架，签字后过账差异</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>储备</translation>
    </message>
    <message>
        <source>Reserve standards (储备标准) and the top-up list for purchasing</source>
        <translation>储备标准和填平补齐采购清单</translation>
    </message>
    <message>
        <source>Issue to people and classes within their limits, requisitions</source>
        <translation>按领用标准发放给人员和班级，申领</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>物资目录</translation>
    </message>
    <message>
        <source>Stock card</source>
        <translation>物资台账</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Who changed settings, rules and accounts; overrides, backups, restores</source>
        <translation>谁修改了设置、领用标准和账户；超标审批、备份与恢复</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Stock card, in-out summary, donations, reserve … as PDF, Excel or CSV</source>
        <translation>物资台账、收发存汇总、捐赠清单、储备情况……导出为 PDF、Excel 或 CSV</translation>
    </message>
    <message>
        <source>{tip} (Ctrl+{n})</source>
        <translation>{tip}（Ctrl+{n}）</translation>
    </message>
    <message>
        <source>Storekeeper</source>
        <translation>防疫物资库管</translation>
    </message>
    <message>
        <source>Scan or type an item code / GTIN (Ctrl+F)</source>
        <translation>扫码或输入物资编码 / GTIN（Ctrl+F）</translation>
    </message>
    <message>
        <source>Scan a barcode or type a code and press Enter to find the item (Ctrl+F)</source>
        <translation>扫描条码，或输入编码后按 Enter 查找物资（Ctrl+F）</translation>
    </message>
    <message>
        <source>Storekeeper — {institution}</source>
        <translation>防疫物资库管 — {institution}</translation>
    </message>
    <message>
        <source>Institution: {name}</source>
        <translation>单位：{name}</translation>
    </message>
    <message>
        <source>User: {name}</source>
        <translation>用户：{name}</translation>
    </message>
    <message>
        <source>Data file: {path}</source>
        <translation>数据文件：{path}</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签打印</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>入库验收</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>库区货位</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>出库发放</translation>
    </message>
    <message>
        <source>Loans</source>
        <translation>借用归还</translation>
    </message>
    <message>
        <source>Lend equipment, take it back, overdue loans</source>
        <translation>借出设备、归还、逾期未还</translation>
    </message>
    <message>
        <source>Write-offs</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Write off expired or damaged stock; hold and trace a lot</source>
        <translation>过期或损坏物资报损；批次冻结与追溯</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Staff, classes, risk groups and issue rules</source>
        <translation>人员、班级、风险等级与领用标准</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move stock from {code}</source>
        <translation>从 {code} 移库</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>To slot</source>
        <translation>移至货位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Issue over the limit</source>
        <translation>超标准发放</translation>
    </message>
    <message>
        <source>Only an approver may let this issue through. The override, its reason and the approver are recorded and listed in the overrides report.</source>
        <translation>只有审核人可以批准超标准发放。批准、原因和审核人都会被记录，并列入超标审批记录。</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Approve and issue</source>
        <translation>批准并发放</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OverridesTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>领用人</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <source>Used / now / allowed</source>
        <translation>已领 / 本次 / 标准</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>People and issue rules</source>
        <translation>人员与领用标准</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Issue rules</source>
        <translation>领用标准</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <source>Name, staff number or pinyin initials (zs)</source>
        <translation>姓名、工号或拼音首字母（如 zs）</translation>
    </message>
    <message>
        <source>Show inactive</source>
        <translation>显示已停用</translation>
    </message>
    <message>
        <source>Import xlsx…</source>
        <translation>导入 xlsx…</translation>
    </message>
    <message>
        <source>Save template…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门/班级</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Risk group</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>新建人员</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未定</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Importing people</source>
        <translation>正在导入人员</translation>
    </message>
    <message>
        <source>Imported: {n} new, {m} updated.</source>
        <translation>已导入：新增 {n} 人，更新 {m} 人。</translation>
    </message>
    <message>
        <source>Import cancelled; nobody was imported.</source>
        <translation>已取消导入，未导入任何人员。</translation>
    </message>
    <message>
        <source>Import people</source>
        <translation>导入人员</translation>
    </message>
    <message>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Name, no. or pinyin</source>
        <translation>姓名、工号或拼音</translation>
    </message>
    <message>
        <source>Type a name, a staff number or pinyin initials (zs)</source>
        <translation>输入姓名、工号或拼音首字母（如 zs）</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
</context>
<context>
    <name>RackDialog</name>
    <message>
        <source>New rack</source>
        <translation>新建货架</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>Racks (rows)</source>
        <translation>货架排数</translation>
    </message>
    <message>
        <source>Levels per rack</source>
        <translation>每排层数</translation>
    </message>
    <message>
        <source>First rack number</source>
        <translation>起始排号</translation>
    </message>
    <message>
        <source>{first} … {last} ({n} slots)</source>
        <translation>{first} … {last}（共 {n} 个货位）</translation>
    </message>
</context>
<context>
    <name>ReceivingPage</name>
    <message>
        <source>Receipt from {name}: {n} lines; the deliverer and the inspector sign.</source>
        <translation>{name} 送来的物资：{n} 行；请送货人和验收人签字。</translation>
    </message>
    <message>
        <source>Accepted in all: {n} (base units).</source>
        <translation>验收合格合计 {n}（基本单位）。</translation>
    </message>
    <message>
        <source>Line {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <source>(choose an item)</source>
        <translation>（请选择物资）</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>到货</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>yuan per {unit}</source>
        <translation>元 / {unit}</translation>
    </message>
    <message>
        <source>Expired {days} days ago: reject these goods.</source>
        <translation>已过期 {days} 天：请拒收。</translation>
    </message>
    <message>
        <source>Only {days} days of shelf life left; this item needs {need}.</source>
        <translation>只剩 {days} 天有效期，该物资要求至少 {need} 天。</translation>
    </message>
    <message>
        <source>{days} days of shelf life left.</source>
        <translation>剩余有效期 {days} 天。</translation>
    </message>
    <message>
        <source>No compatible slot is free for this item; add a slot on the Slots page.</source>
        <translation>没有可存放该物资的空货位，请在“库区货位”页添加货位。</translation>
    </message>
    <message>
        <source>already holds this batch</source>
        <translation>已存放同一批次</translation>
    </message>
    <message>
        <source>already holds this item</source>
        <translation>已存放该物资</translation>
    </message>
    <message>
        <source>empty, in a suitable zone</source>
        <translation>空货位，库区合适</translation>
    </message>
    <message>
        <source>Suggested slot: {code} — {why}</source>
        <translation>建议货位：{code} — {why}</translation>
    </message>
    <message>
        <source>Put {n} on {code}</source>
        <translation>将 {n} 放到 {code}</translation>
    </message>
    <message>
        <source>Drafts waiting ({n})</source>
        <translation>待验收草稿（{n}）</translation>
    </message>
    <message>
        <source>({n} lines)</source>
        <translation>（{n} 行）</translation>
    </message>
    <message>
        <source>Receiving — new receipt</source>
        <translation>入库验收 — 新入库单</translation>
    </message>
    <message>
        <source>Receiving — draft</source>
        <translation>入库验收 — 草稿</translation>
    </message>
    <message>
        <source>Draft saved. Nothing is in stock until it is posted.</source>
        <translation>草稿已保存。过账之前不计入库存。</translation>
    </message>
    <message>
        <source>Read: {name}, batch {batch}, expiry {date}</source>
        <translation>已读取：{name}，批号 {batch}，有效期至 {date}</translation>
    </message>
    <message>
        <source>GTIN {code} is not in the catalogue: choose the item below, then link it.</source>
        <translation>GTIN {code} 不在物资目录中：请在下面选择物资，再关联此条码。</translation>
    </message>
    <message>
        <source>Item found; type the batch and dates.</source>
        <translation>已找到物资，请输入批号和日期。</translation>
    </message>
    <message>
        <source>The code could not be read as GS1; it is kept with the line. Type the fields by hand.</source>
        <translation>该条码不是 GS1 格式，已随本行保存原文。请手工填写各项。</translation>
    </message>
    <message>
        <source>GTIN {code} now names {name}.</source>
        <translation>GTIN {code} 已关联到 {name}。</translation>
    </message>
    <message>
        <source>Posted {code}: the accepted goods are in stock.</source>
        <translation>{code} 已过账：验收合格的物资已入库。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Sign and post…</source>
        <translation>签字并入库…</translation>
    </message>
    <message>
        <source>Check the receipt, have both parties sign, and post it (Ctrl+Enter)</source>
        <translation>检查入库单，双方签字后过账（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>New receipt</source>
        <translation>新入库单</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Keep the receipt while goods wait for inspection (Ctrl+S)</source>
        <translation>物资待验收时先保存入库单（Ctrl+S）</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Delivered by (supplier, donor, office)</source>
        <translation>交货单位（供应商、捐赠方、上级部门）</translation>
    </message>
    <message>
        <source>Deliverer&apos;s name</source>
        <translation>送货人</translation>
    </message>
    <message>
        <source>Delivery note no.</source>
        <translation>送货单号</translation>
    </message>
    <message>
        <source>Date received</source>
        <translation>入库日期</translation>
    </message>
    <message>
        <source>Pick or type a new name</source>
        <translation>选择或输入新名称</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>到货明细</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>到货</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除此行</translation>
    </message>
    <message>
        <source>Scan the GS1 code on the box (Ctrl+F)</source>
        <translation>扫描包装上的 GS1 条码（Ctrl+F）</translation>
    </message>
    <message>
        <source>Link GTIN to this item</source>
        <translation>把条码关联到此物资</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Registration certificate</source>
        <translation>注册证号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Why rejected</source>
        <translation>拒收原因</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>验收检查</translation>
    </message>
    <message>
        <source>Put on slots</source>
        <translation>上架货位</translation>
    </message>
    <message>
        <source>Search by code or name</source>
        <translation>按编码或名称查找</translation>
    </message>
    <message>
        <source>Produced</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <source>e.g. 国械注准20202140001 (medical devices)</source>
        <translation>例如 国械注准20202140001（医疗器械）</translation>
    </message>
    <message>
        <source>(nothing rejected)</source>
        <translation>（无拒收）</translation>
    </message>
    <message>
        <source>Details (needed for “other”)</source>
        <translation>说明（选“其他”时必填）</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Slot code</source>
        <translation>货位编码</translation>
    </message>
    <message>
        <source>Add to slot</source>
        <translation>放到此货位</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Save line</source>
        <translation>保存此行</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Shelf labels for these slots</source>
        <translation>打印这些货位的标签</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <source>Rename slot {code}</source>
        <translation>重命名货位 {code}</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>新编码</translation>
    </message>
    <message>
        <source>The slot keeps its history; reprint its shelf label.</source>
        <translation>货位的历史记录保留不变；请重新打印货位标签。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Making the report</source>
        <translation>正在生成报表</translation>
    </message>
    <message>
        <source>No item with code, GTIN or name “{text}”</source>
        <translation>没有编码、GTIN 或名称为“{text}”的物资</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Could not open the folder; it is {path}</source>
        <translation>无法打开文件夹，位置是 {path}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>全部物资</translation>
    </message>
    <message>
        <source>All lots</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <source>Batch {batch} (expires {date})</source>
        <translation>批号 {batch}（有效期至 {date}）</translation>
    </message>
    <message>
        <source>Shows the state as of today; no dates needed.</source>
        <translation>显示截至今天的状态，无需选择日期。</translation>
    </message>
    <message>
        <source>Covers the lot&apos;s whole history; no dates needed.</source>
        <translation>包括该批次的全部记录，无需选择日期。</translation>
    </message>
    <message>
        <source>Choose an item…</source>
        <translation>请选择物资…</translation>
    </message>
    <message>
        <source>Choose a lot…</source>
        <translation>请选择批次…</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the report as a file (Ctrl+S)</source>
        <translation>将报表保存为文件（Ctrl+S）</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Type a code or name, or scan</source>
        <translation>输入编码或名称，或扫码</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>自定义日期</translation>
    </message>
    <message>
        <source>PDF, to print</source>
        <translation>PDF（用于打印）</translation>
    </message>
    <message>
        <source>Excel workbook (xlsx)</source>
        <translation>Excel 工作簿（xlsx）</translation>
    </message>
    <message>
        <source>CSV, for other programs</source>
        <translation>CSV（供其他软件使用）</translation>
    </message>
</context>
<context>
    <name>RequisitionDialog</name>
    <message>
        <source>New requisition</source>
        <translation>新建申领</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门/班级</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Quantity (base units)</source>
        <translation>数量（基本单位）</translation>
    </message>
</context>
<context>
    <name>RequisitionsTab</name>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门/班级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Requested / approved / issued / outstanding</source>
        <translation>申请 / 批准 / 已发 / 待发</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>New requisition…</source>
        <translation>新建申领…</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>审批…</translation>
    </message>
    <message>
        <source>Issue outstanding</source>
        <translation>发放未发部分</translation>
    </message>
    <message>
        <source>Choose a requisition waiting for approval</source>
        <translation>请选择一张待审批的申领单</translation>
    </message>
    <message>
        <source>Choose a requisition with something outstanding</source>
        <translation>请选择一张还有待发数量的申领单</translation>
    </message>
</context>
<context>
    <name>ReservePage</name>
    <message>
        <source>{n} items have a standard; {below} below target; {flagged} with stock that expires within the reserve days. Usable stock leaves out expired lots and lots on hold.</source>
        <translation>{n} 种物资设有储备标准，{below} 种低于标准，{flagged} 种有库存将在储备期内到期。可用库存不含已过期和已冻结的批次。</translation>
    </message>
    <message>
        <source>Top-up list ({n})</source>
        <translation>补充采购清单（{n}）</translation>
    </message>
    <message>
        <source>Saved the standard of {name}: target {target} {unit}</source>
        <translation>已保存 {name} 的储备标准：储备目标 {target} {unit}</translation>
    </message>
    <message>
        <source>Removed the standard</source>
        <translation>已取消储备标准</translation>
    </message>
    <message>
        <source>Saving the top-up list</source>
        <translation>正在保存补充采购清单</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Save the top-up list</source>
        <translation>保存补充采购清单</translation>
    </message>
    <message>
        <source>top-up list</source>
        <translation>补充采购清单</translation>
    </message>
    <message>
        <source>Choose an item to set its reserve standard.</source>
        <translation>选择一种物资来设置它的储备标准。</translation>
    </message>
    <message>
        <source>Type a quantity and the reserve days to see the target.</source>
        <translation>填写数量和储备天数后即可看到储备目标。</translation>
    </message>
    <message>
        <source>{n} people × {qty} {unit} = {need} {unit} a day; × {days} days = target {target} {unit}</source>
        <translation>{n} 人 × {qty} {unit} = 每天 {need} {unit}；× {days} 天 = 储备目标 {target} {unit}</translation>
    </message>
    <message>
        <source>{need} {unit} a day × {days} days = target {target} {unit}</source>
        <translation>每天 {need} {unit} × {days} 天 = 储备目标 {target} {unit}</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>储备</translation>
    </message>
    <message>
        <source>Top-up list (PDF)…</source>
        <translation>补充采购清单（PDF）…</translation>
    </message>
    <message>
        <source>Print the top-up list for purchasing: item, target, usable, gap, packs</source>
        <translation>打印给采购的补充清单：物资、储备目标、可用库存、缺口、整包数量</translation>
    </message>
    <message>
        <source>Top-up list (xlsx)…</source>
        <translation>补充采购清单（xlsx）…</translation>
    </message>
    <message>
        <source>Search code or name</source>
        <translation>搜索编码或名称</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>储备标准</translation>
    </message>
    <message>
        <source>Items below their reserve target (填平补齐). Gap = target - usable stock; to buy = the gap in whole packs. Double-click a line to see its standard.</source>
        <translation>低于储备标准的物资（填平补齐）。缺口 = 储备目标 - 可用库存；建议采购 = 缺口按整包向上取整。双击一行查看其储备标准。</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return</source>
        <translation>归还</translation>
    </message>
    <message>
        <source>Lent</source>
        <translation>借出</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>归还数量</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>状况</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Disinfected before going back on the shelf</source>
        <translation>上架前已消毒</translation>
    </message>
    <message>
        <source>Take back</source>
        <translation>确认归还</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>A limit caps what one person may receive per day, week or month; &apos;only for&apos; names the risk groups who may receive the items at all. Changes are recorded in the audit log.</source>
        <translation>“限量”规定每人每天、每周或每月最多可领多少；“仅限”规定哪些风险等级的人员才能领用。修改会记入审计日志。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item codes</source>
        <translation>物资编码</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Risk groups</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最多数量</translation>
    </message>
    <message>
        <source>e.g. FH-N95, FH-KN95</source>
        <translation>如 FH-N95, FH-KN95</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>保存标准</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>新建标准</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Last backup: {when}</source>
        <translation>上次备份：{when}</translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation>还没有备份过。</translation>
    </message>
    <message>
        <source>A backup is also written automatically once a day and when the program closes; the newest ones are kept.</source>
        <translation>程序每天以及每次关闭时也会自动备份，并保留最新的若干份。</translation>
    </message>
    <message>
        <source>Only an administrator or approver can change these settings or restore.</source>
        <translation>只有管理员或审核人可以修改这些设置或从备份恢复。</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Replace the books with this backup?

{what}

The books in use now are kept beside them under a dated name, so nothing is lost.</source>
        <translation>用这个备份替换现在的账目吗？

{what}

现在使用的账目会以带日期的文件名保存在旁边，不会丢失。</translation>
    </message>
    <message>
        <source>Restored from {file}. The books that were replaced are kept as {kept} in {folder}.</source>
        <translation>已从 {file} 恢复。被替换的账目另存为 {kept}，位于 {folder}。</translation>
    </message>
    <message>
        <source>Restore cancelled; nothing was changed.</source>
        <translation>已取消恢复，未做任何更改。</translation>
    </message>
    <message>
        <source>Checking the backup and restoring</source>
        <translation>正在校验备份并恢复</translation>
    </message>
    <message>
        <source>Checking the books</source>
        <translation>正在核对账目</translation>
    </message>
    <message>
        <source>Folder for automatic backups</source>
        <translation>自动备份的文件夹</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Back up to a folder or USB stick</source>
        <translation>备份到文件夹或 U 盘</translation>
    </message>
    <message>
        <source>Storekeeper backups (*.db);;All files (*)</source>
        <translation>Storekeeper 备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>备份已写入 {path}</translation>
    </message>
    <message>
        <source>Could not open the folder; it is {path}</source>
        <translation>无法打开文件夹，它的位置是 {path}</translation>
    </message>
    <message>
        <source>The data file cannot be opened.</source>
        <translation>无法打开数据文件。</translation>
    </message>
    <message>
        <source>All good: the file is sound, no voucher, ledger entry, balance or audit entry was changed outside the program.</source>
        <translation>一切正常：数据文件完好，没有任何单据、台账记录、库存数量或审计记录在程序之外被改动。</translation>
    </message>
    <message>
        <source>{n} problems found. The books were changed outside the program, or the file is damaged: restore a backup, or ask for help.</source>
        <translation>发现 {n} 处问题。账目在程序之外被改动，或文件已损坏：请从备份恢复，或寻求帮助。</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Only an administrator or approver can manage accounts.</source>
        <translation>只有管理员或审核人可以管理账户。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>The name printed on every voucher</source>
        <translation>打印在每张单据上的单位名称</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Language of the program</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add account...</source>
        <translation>添加账户…</translation>
    </message>
    <message>
        <source>Change my PIN...</source>
        <translation>修改我的 PIN…</translation>
    </message>
    <message>
        <source>Scanner and receiving</source>
        <translation>扫码与入库</translation>
    </message>
    <message>
        <source>All records are kept in this one file; back it up below. Start the program with --db PATH to use another file.</source>
        <translation>所有记录都保存在这一个文件里，可在下方备份；用 --db 路径 启动程序可使用另一个文件。</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Automatic backups go to</source>
        <translation>自动备份保存到</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Keep the newest</source>
        <translation>保留最新的</translation>
    </message>
    <message>
        <source> backups</source>
        <translation> 份</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Write a backup into the folder above</source>
        <translation>把备份写入上面的文件夹</translation>
    </message>
    <message>
        <source>Back up to...</source>
        <translation>备份到…</translation>
    </message>
    <message>
        <source>Write a backup to a folder you choose, e.g. a USB stick</source>
        <translation>把备份写入您选择的文件夹，例如 U 盘</translation>
    </message>
    <message>
        <source>Restore from...</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Replace the books with a backup; the current books are kept beside them</source>
        <translation>用备份替换账目；现在的账目会保存在旁边</translation>
    </message>
    <message>
        <source>Check the books</source>
        <translation>核对账目</translation>
    </message>
    <message>
        <source>Checks the data file, every posted voucher, the ledger chain, the balances and the audit log for anything changed outside the program.</source>
        <translation>检查数据文件、每张已过账单据、台账链、库存数量和审计日志，找出在程序之外被改动的地方。</translation>
    </message>
    <message>
        <source>Text the scanner sends for the GS1 separator</source>
        <translation>扫码枪发送的 GS1 分隔符替代文本</translation>
    </message>
    <message>
        <source>Remaining shelf life below the item&apos;s minimum</source>
        <translation>剩余有效期低于物资要求时</translation>
    </message>
    <message>
        <source>Warn, accept after confirming</source>
        <translation>提醒，确认后可收货</translation>
    </message>
    <message>
        <source>Refuse the goods</source>
        <translation>拒收</translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <source>Sign-off by both parties</source>
        <translation>经办双方签字</translation>
    </message>
    <message>
        <source>Sign and post</source>
        <translation>签字并过账</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>I have checked this and accept the goods anyway</source>
        <translation>我已核实，仍同意验收入库</translation>
    </message>
</context>
<context>
    <name>SignerBox</name>
    <message>
        <source>{role} (optional)</source>
        <translation>{role}（可选）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Full name of the person signing</source>
        <translation>签字人全名</translation>
    </message>
    <message>
        <source>Sign on the pad</source>
        <translation>手写签名</translation>
    </message>
    <message>
        <source>Registered user: PIN</source>
        <translation>本系统用户：PIN</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Take back the last stroke</source>
        <translation>撤销最后一笔</translation>
    </message>
    <message>
        <source>Wipe the pad and sign again</source>
        <translation>清空签名板，重新签字</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Confirm PIN</source>
        <translation>确认 PIN</translation>
    </message>
    <message>
        <source>Sign here with the mouse, a pen or a finger</source>
        <translation>请用鼠标、手写笔或手指在此签名</translation>
    </message>
    <message>
        <source>Confirmed: {name}</source>
        <translation>已确认：{name}</translation>
    </message>
    <message>
        <source>Enter the PIN and confirm it.</source>
        <translation>请输入 PIN 并确认。</translation>
    </message>
</context>
<context>
    <name>SlotContentsDialog</name>
    <message>
        <source>Slot {code}</source>
        <translation>货位 {code}</translation>
    </message>
    <message>
        <source>Label: {code} {name}, batch {batch}, expiry {date}</source>
        <translation>标签：{code} {name}，批号 {batch}，有效期 {date}</translation>
    </message>
    <message>
        <source>Label for an empty slot</source>
        <translation>空货位标签</translation>
    </message>
    <message>
        <source>This label is out of date: {why}. Print a new one.</source>
        <translation>此标签已过时：{why}。请重新打印。</translation>
    </message>
    <message>
        <source>Reprint labels for this slot</source>
        <translation>重新打印此货位的标签</translation>
    </message>
    <message>
        <source>Print labels for this slot</source>
        <translation>打印此货位的标签</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>within 30 days</source>
        <translation>30 天内到期</translation>
    </message>
    <message>
        <source>within 90 days</source>
        <translation>90 天内到期</translation>
    </message>
    <message>
        <source>This slot is empty.</source>
        <translation>此货位是空的。</translation>
    </message>
    <message>
        <source>What this slot holds</source>
        <translation>货位存放的物资</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
</context>
<context>
    <name>SlotDialog</name>
    <message>
        <source>New slot</source>
        <translation>新建货位</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>Slot code</source>
        <translation>货位编码</translation>
    </message>
</context>
<context>
    <name>SlotsPage</name>
    <message>
        <source>All zones</source>
        <translation>全部库区</translation>
    </message>
    <message>
        <source>May hold: {what}</source>
        <translation>可存放：{what}</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>{n} slots, {m} holding stock</source>
        <translation>共 {n} 个货位，{m} 个有库存</translation>
    </message>
    <message>
        <source>general goods</source>
        <translation>普通物资</translation>
    </message>
    <message>
        <source>Choose a slot to see what it holds.</source>
        <translation>选择一个货位，查看存放的物资。</translation>
    </message>
    <message>
        <source>{code}: {n} lots</source>
        <translation>{code}：{n} 个批次</translation>
    </message>
    <message>
        <source>{code}: empty</source>
        <translation>{code}：空</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Use again</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>&lt; 30 days</source>
        <translation>不足 30 天</translation>
    </message>
    <message>
        <source>&lt; 90 days</source>
        <translation>不足 90 天</translation>
    </message>
    <message>
        <source>fine</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>{n} slots made: {first} … {last}</source>
        <translation>已建立 {n} 个货位：{first} … {last}</translation>
    </message>
    <message>
        <source>Moved: {code}</source>
        <translation>已移库：{code}</translation>
    </message>
    <message>
        <source>Zones and slots</source>
        <translation>库区货位</translation>
    </message>
    <message>
        <source>New rack…</source>
        <translation>新建货架…</translation>
    </message>
    <message>
        <source>Make a whole rack of slots at once, e.g. A-01-01 … A-04-05</source>
        <translation>一次建立整排货架的货位，例如 A-01-01 … A-04-05</translation>
    </message>
    <message>
        <source>New zone…</source>
        <translation>新建库区…</translation>
    </message>
    <message>
        <source>New slot…</source>
        <translation>新建货位…</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>Edit zone…</source>
        <translation>修改库区…</translation>
    </message>
    <message>
        <source>Search slot code or item</source>
        <translation>查找货位编码或物资</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>May hold</source>
        <translation>可存放</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>存放物资</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Move stock…</source>
        <translation>移库…</translation>
    </message>
    <message>
        <source>Shelf label</source>
        <translation>货位标签</translation>
    </message>
</context>
<context>
    <name>StandardPanel</name>
    <message>
        <source>Fixed quantity a day</source>
        <translation>每天固定数量</translation>
    </message>
    <message>
        <source>Per person a day × people</source>
        <translation>每人每天 × 人数</translation>
    </message>
    <message>
        <source>Daily need at full load</source>
        <translation>满负荷每天需要量</translation>
    </message>
    <message>
        <source>Quantity a day (or a person a day)</source>
        <translation>每天数量（或每人每天数量）</translation>
    </message>
    <message>
        <source>Reserve days</source>
        <translation>储备天数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Departments and classes (none ticked: all)</source>
        <translation>部门和班级（都不勾选则为全部）</translation>
    </message>
    <message>
        <source>Risk groups (none ticked: all)</source>
        <translation>风险等级（都不勾选则为全部）</translation>
    </message>
    <message>
        <source>e.g. 2 or 0.5</source>
        <translation>例如 2 或 0.5</translation>
    </message>
    <message>
        <source>45 days in the county plan; 30, 14 or 10 days are common</source>
        <translation>县级预案为 45 天；常用 30、14 或 10 天</translation>
    </message>
    <message>
        <source>Where the standard comes from (optional)</source>
        <translation>标准依据（可不填）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the item&apos;s reserve standard (Enter)</source>
        <translation>保存该物资的储备标准（Enter）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>取消标准</translation>
    </message>
    <message>
        <source>Remove the standard: the item no longer has a reserve target</source>
        <translation>取消储备标准：该物资不再有储备目标</translation>
    </message>
</context>
<context>
    <name>StandardsModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Need a day</source>
        <translation>日需量</translation>
    </message>
    <message>
        <source>Usable</source>
        <translation>可用库存</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>缺口</translation>
    </message>
    <message>
        <source>Reserve
days</source>
        <translation>储备
天数</translation>
    </message>
    <message>
        <source>Reserve
target</source>
        <translation>储备
目标</translation>
    </message>
    <message>
        <source>Expiring
in window</source>
        <translation>期内
到期</translation>
    </message>
    <message>
        <source>Days of
cover</source>
        <translation>可用
天数</translation>
    </message>
    <message>
        <source>Base units needed a day at full load</source>
        <translation>满负荷时每天需要的基本单位数量</translation>
    </message>
    <message>
        <source>Reserve days</source>
        <translation>储备天数</translation>
    </message>
    <message>
        <source>On hand less expired lots and lots on hold</source>
        <translation>现有库存减去已过期和已冻结的批次</translation>
    </message>
    <message>
        <source>Part of the usable stock that expires before the reserve days are over</source>
        <translation>可用库存中在储备期结束前到期的部分</translation>
    </message>
    <message>
        <source>Days of cover: usable stock ÷ average daily use over the last 90 days</source>
        <translation>可用天数：可用库存 ÷ 近 90 天日均用量</translation>
    </message>
    <message>
        <source>{qty} {unit} a person a day × {n} = {need} a day</source>
        <translation>每人每天 {qty} {unit} × {n} 人 = 每天 {need}</translation>
    </message>
    <message>
        <source>{qty} {unit} a day</source>
        <translation>每天 {qty} {unit}</translation>
    </message>
    <message>
        <source>{qty} {unit} of the usable stock expire within the {days} reserve days: issue them first</source>
        <translation>可用库存中有 {qty} {unit} 将在 {days} 天储备期内到期：请优先发放</translation>
    </message>
    <message>
        <source>0 ✓</source>
        <translation>0 ✓</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>(the log could not be written)</source>
        <translation>（日志无法写入）</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. You can go on working; if it happens again, send the log file to whoever looks after the program.</source>
        <translation>程序内部出了问题。您可以继续工作；如果再次出现，请把日志文件发给负责维护本程序的人。</translation>
    </message>
    <message>
        <source>The details are written to {path}</source>
        <translation>详细信息已写入 {path}</translation>
    </message>
    <message>
        <source>Storekeeper</source>
        <translation>防疫物资库管</translation>
    </message>
    <message>
        <source>The data file cannot be opened.</source>
        <translation>无法打开数据文件。</translation>
    </message>
    <message>
        <source>The automatic backup failed.</source>
        <translation>自动备份失败。</translation>
    </message>
</context>
<context>
    <name>StockDetail</name>
    <message>
        <source>Open stock card</source>
        <translation>打开台账</translation>
    </message>
    <message>
        <source>Every movement of this item or lot (Ctrl+L)</source>
        <translation>查看该物资或批次的每一笔收发（Ctrl+L）</translation>
    </message>
    <message>
        <source>Select an item or a lot to see its details.</source>
        <translation>选中一种物资或一个批次可查看详情。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Hazard class</source>
        <translation>危险类别</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <source>Lots in stock</source>
        <translation>在库批次</translation>
    </message>
    <message>
        <source>Earliest expiry</source>
        <translation>最早有效期</translation>
    </message>
    <message>
        <source>{code}  {name} — batch {batch}</source>
        <translation>{code}  {name} — 批号 {batch}</translation>
    </message>
    <message>
        <source>Produced</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Zone · slot</source>
        <translation>库区 · 货位</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>expires within 30 days</source>
        <translation>30 天内到期</translation>
    </message>
    <message>
        <source>expires within 90 days</source>
        <translation>90 天内到期</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>{date} ({status})</source>
        <translation>{date}（{status}）</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <source>Stock on hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <source>Search by code, name, batch or GTIN</source>
        <translation>按编码、名称、批号或 GTIN 搜索</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>共 {n} 种物资</translation>
    </message>
    <message>
        <source>· no stocktake yet</source>
        <translation>· 尚未盘点</translation>
    </message>
    <message>
        <source>· last stocktake {date}, accuracy {acc}</source>
        <translation>· 上次盘点 {date}，准确率 {acc}</translation>
    </message>
</context>
<context>
    <name>StockTreeModel</name>
    <message>
        <source>Code / batch</source>
        <translation>编码 / 批号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Zone · slot</source>
        <translation>库区 · 货位</translation>
    </message>
    <message>
        <source>Produced</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>&lt; 30 days</source>
        <translation>30天内到期</translation>
    </message>
    <message>
        <source>&lt; 90 days</source>
        <translation>90天内到期</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>无有效期</translation>
    </message>
    <message>
        <source>Expired {n} days ago</source>
        <translation>已过期 {n} 天</translation>
    </message>
    <message>
        <source>Expires in {n} days</source>
        <translation>还有 {n} 天到期</translation>
    </message>
</context>
<context>
    <name>StocktakePage</name>
    <message>
        <source>All zones</source>
        <translation>全部库区</translation>
    </message>
    <message>
        <source>Stocktake {number}: {n} lines, {d} differences. The approver signs or gives the PIN; the differences are then posted and the count is closed.</source>
        <translation>盘点 {number}：共 {n} 行，{d} 处差异。审核人签字或输入 PIN 后，差异将过账，本次盘点随即关闭。</translation>
    </message>
    <message>
        <source>Posted: {number}, voucher {voucher}, accuracy {acc}</source>
        <translation>已过账：{number}，调整单 {voucher}，准确率 {acc}</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Import a filled count sheet</source>
        <translation>导入已填写的盘点表</translation>
    </message>
    <message>
        <source>Save the count report</source>
        <translation>保存盘点报告</translation>
    </message>
    <message>
        <source>Importing the count sheet</source>
        <translation>正在导入盘点表</translation>
    </message>
    <message>
        <source>Read {n} counts from the sheet ({f} found lots).</source>
        <translation>已从盘点表读入 {n} 个实盘数量（清单外发现 {f} 个）。</translation>
    </message>
    <message>
        <source>Import cancelled; no count was changed.</source>
        <translation>已取消导入，实盘数量均未改动。</translation>
    </message>
    <message>
        <source>Save the count sheet</source>
        <translation>保存盘点表</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Scan a slot label to count what lies there.</source>
        <translation>扫描货位标签，清点该货位上的物资。</translation>
    </message>
    <message>
        <source>Line {n} · slot {slot}: empty on the books</source>
        <translation>第 {n} 行 · 货位 {slot}：账面为空</translation>
    </message>
    <message>
        <source>Line {n} · slot {slot}: {code} {name}, batch {batch}</source>
        <translation>第 {n} 行 · 货位 {slot}：{code} {name}，批号 {batch}</translation>
    </message>
    <message>
        <source>Sign and post…</source>
        <translation>签字过账…</translation>
    </message>
    <message>
        <source>Post the differences with the approver&apos;s signature (Ctrl+Enter)</source>
        <translation>审核人签字后过账差异（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>New count…</source>
        <translation>新建盘点…</translation>
    </message>
    <message>
        <source>Start a monthly or zone count</source>
        <translation>开始月度盘点或库区盘点</translation>
    </message>
    <message>
        <source>No stocktake yet.</source>
        <translation>还没有盘点记录。</translation>
    </message>
    <message>
        <source>this slot</source>
        <translation>本货位</translation>
    </message>
    <message>
        <source>all slots</source>
        <translation>全部货位</translation>
    </message>
    <message>
        <source>{where}: {n} lines, {c} counted, {d} differences</source>
        <translation>{where}：{n} 行，已盘 {c} 行，{d} 处差异</translation>
    </message>
    <message>
        <source>{where}: {n} lines, {c} counted (blind count)</source>
        <translation>{where}：{n} 行，已盘 {c} 行（盲盘）</translation>
    </message>
    <message>
        <source>Posted {date} · voucher {voucher} · accuracy {acc}</source>
        <translation>{date} 已过账 · 调整单 {voucher} · 准确率 {acc}</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>New count</source>
        <translation>新建盘点</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>Blind count (hide book quantities)</source>
        <translation>盲盘（不显示账面数量）</translation>
    </message>
    <message>
        <source>Start count</source>
        <translation>开始盘点</translation>
    </message>
    <message>
        <source>Record the book quantity of every lot on every slot in scope</source>
        <translation>记录范围内每个货位上每个批次的账面数量</translation>
    </message>
    <message>
        <source>Scan a slot label or type a slot code</source>
        <translation>扫描货位标签或输入货位编码</translation>
    </message>
    <message>
        <source>Scan a slot label to see and count its lines (Ctrl+F)</source>
        <translation>扫描货位标签，查看并清点该货位（Ctrl+F）</translation>
    </message>
    <message>
        <source>All slots</source>
        <translation>全部货位</translation>
    </message>
    <message>
        <source>Count sheet (xlsx)…</source>
        <translation>盘点表 (xlsx)…</translation>
    </message>
    <message>
        <source>Print count sheet (PDF)…</source>
        <translation>打印盘点表 (PDF)…</translation>
    </message>
    <message>
        <source>Import filled sheet…</source>
        <translation>导入已填盘点表…</translation>
    </message>
    <message>
        <source>Count report (PDF)…</source>
        <translation>盘点报告 (PDF)…</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>TopUpModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>储备目标</translation>
    </message>
    <message>
        <source>Usable</source>
        <translation>可用库存</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>缺口</translation>
    </message>
    <message>
        <source>To buy</source>
        <translation>建议采购</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>采购包装</translation>
    </message>
    <message>
        <source>1 {pack} = {n} {unit}</source>
        <translation>1 {pack} = {n} {unit}</translation>
    </message>
</context>
<context>
    <name>UseLogTab</name>
    <message>
        <source>Disinfectant</source>
        <translation>消毒剂</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Dilution</source>
        <translation>稀释比例</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>使用区域</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>领用人</translation>
    </message>
    <message>
        <source>e.g. 1:100</source>
        <translation>如 1:100</translation>
    </message>
    <message>
        <source>e.g. corridors, toilets</source>
        <translation>如 走廊、卫生间</translation>
    </message>
    <message>
        <source>Sign and record…</source>
        <translation>签字并登记…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>WindowsDialog</name>
    <message>
        <source>Expiry warnings</source>
        <translation>效期提醒</translation>
    </message>
    <message>
        <source>Lots expiring within the first number of days show orange, within the second yellow, on the dashboard.</source>
        <translation>在概览页上，在第一个天数内到期的批次显示橙色，在第二个天数内到期的显示黄色。</translation>
    </message>
    <message>
        <source>Soon (days)</source>
        <translation>临期（天）</translation>
    </message>
    <message>
        <source>Watch (days)</source>
        <translation>留意（天）</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
</context>
<context>
    <name>WriteOffPage</name>
    <message>
        <source>Write-offs and lots</source>
        <translation>报损与批次</translation>
    </message>
    <message>
        <source>Write-offs</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Hold and trace</source>
        <translation>冻结与追溯</translation>
    </message>
</context>
<context>
    <name>WriteOffTab</name>
    <message>
        <source>Expired lots still on the shelves</source>
        <translation>仍在货架上的过期批次</translation>
    </message>
    <message>
        <source>Write-offs</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>经过</translation>
    </message>
    <message>
        <source>For damaged or lost stock: the cause and who was responsible</source>
        <translation>损坏或丢失：写明原因及责任人</translation>
    </message>
    <message>
        <source>Sign and write off…</source>
        <translation>签字并报损…</translation>
    </message>
    <message>
        <source>Write off</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>货位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>物资</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Write off {n} lots: {reason}. The approver signs.</source>
        <translation>报损 {n} 个批次：{reason}。由审核人签字。</translation>
    </message>
</context>
<context>
    <name>ZoneDialog</name>
    <message>
        <source>Edit zone</source>
        <translation>修改库区</translation>
    </message>
    <message>
        <source>New zone</source>
        <translation>新建库区</translation>
    </message>
    <message>
        <source>general goods</source>
        <translation>普通物资</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>May hold</source>
        <translation>可存放</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Flammables need their own zone; chlorine and oxidizers never share it.</source>
        <translation>易燃品须单独存放；含氯消毒剂等氧化性物资不得与其同区。</translation>
    </message>
</context>
</TS>
