package org.yekuo.manual.internal;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.manual.NoteKind;
import org.yekuo.manual.Publication;

/**
 * Gives the demo a published manual: a few notes of the kind a training office writes for the most common
 * types, and the first edition published by the demo administrator. Runs after the demo staff exist and
 * only while no edition does.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "yekuo.demo.enabled", havingValue = "true")
class ManualDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ManualDemoData.class);

    private record Note(String type, String node, NoteKind kind, String title, String body) {
    }

    private static final List<Note> NOTES = List.of(
            new Note("LV_RES_NEW", null, NoteKind.RULE, "一证启动",
                    "居民客户凭居民身份证即可受理，其他资料按目录容缺至对应环节提供；已作废的资料一律不得索要。"),
            new Note("LV_RES_NEW", "SITE_SURVEY", NoteKind.TIP, "表位位置须与现场照片一致",
                    "勘查时先拍表位照片再填写表位位置；照片与文字不一致是设计环节退回的首要原因。"),
            new Note("LV_RES_NEW", "METER_INSTALLATION", NoteKind.TIP, "装表底数当场核对",
                    "装表后与客户共同核对电能表编号和底数，并在工单中如实填写，避免首期电费争议。"),
            new Note("HV_NEW_SINGLE", "SCHEME_DESIGN", NoteKind.TIP, "计量方式与电价类别",
                    "高供高计适用于专变容量较大的客户；电价类别须与营业执照经营范围一致，营销部门会签时逐项核对。"),
            new Note("HV_NEW_SINGLE", "SCHEME_REVIEW", NoteKind.RULE, "会签意见须引用条款",
                    "修改或退回意见必须引用审查指引条款并写明修改内容，笼统的“请完善设计”会被系统拒绝。"),
            new Note("HV_NEW_SINGLE", null, NoteKind.EXAMPLE, "某工业园区 10kV 单电源新装",
                    "受理当日完成一证启动，勘查 1 个工作日、方案拟定 2 个工作日，并联会签 2 个工作日内全部通过，全流程未超期。"));

    private final ManualRecords records;
    private final Publishing publishing;
    private final StaffMembers staff;
    private final TransactionTemplate tx;
    private final Clock clock;

    ManualDemoData(ManualRecords records, Publishing publishing, StaffMembers staff, TransactionTemplate tx, Clock clock) {
        this.records = records;
        this.publishing = publishing;
        this.staff = staff;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            if (records.latestEdition().isPresent()) {
                return;
            }
            StaffMember admin = staff.byUsername("admin").orElse(null);
            if (admin == null) {
                return;
            }
            CurrentUser editor = new CurrentUser(admin.id(), admin.username(), admin.displayName(), admin.orgUnitId(), "", "",
                    admin.orgPath(), admin.orgPath(), Set.of(Role.ADMIN));
            for (Note note : NOTES) {
                records.insertNote(note.type(), note.node(), note.kind(), note.title(), note.body(), 1, admin.username(), clock.instant());
            }
            publishing.publish(new Publication("首版：覆盖全部业务类型", List.of(new Publication.Entry(null,
                    "首次发布：每种业务类型一章，由业务目录生成，并附常见易错提示与案例。", "建立标准化操作手册（R-STD-1）", List.of())),
                    List.of()), editor);
            log.info("Demo manual: edition 1 published");
        });
    }
}
