//! Working on processes: reopening keeps everything, revisions accumulate and restore,
//! delete and purge, seats merge, reviews are listed, templates are seeded once.

use handoff_core::checks::{Code, RuleSetting, Severity};
use handoff_core::review::ReviewStatus;
use handoff_core::{Cadence, NodeId, NodeKind, ProcessId, SeatId};
use handoff_store::StoreError;

use crate::{date, invoicing, later, now, today};

both_backends! {
    fn reopening_keeps_processes_revisions_seats_and_rules(place) {
        {
            let mut lib = place.create();
            assert!(lib.was_created());
            lib.save(&invoicing("inv"), now()).unwrap();
            let mut doc = lib.load(&"inv".into()).unwrap();
            doc.process.name = "Billing".into();
            lib.save(&doc, later(5)).unwrap();
            lib.set_rule(Code::EmptyLane, Some(RuleSetting::Off))
                .unwrap();
            lib.set_rule(
                Code::UnnamedHandoff,
                Some(RuleSetting::Severity(Severity::Error)),
            )
            .unwrap();
        }
        let lib = place.open();
        assert!(!lib.was_created());
        let list = lib.processes(today()).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "Billing");
        assert_eq!(list[0].revision, 2);
        assert_eq!(list[0].owner_name.as_deref(), Some("Sales"));
        assert_eq!(list[0].updated_at, later(5));
        assert_eq!(list[0].created_at, now());
        let revs = lib.revisions(&"inv".into()).unwrap();
        assert_eq!(revs.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(
            revs[0].summary,
            "Renamed the process from 'Invoicing' to 'Billing'"
        );
        assert_eq!(revs[1].summary, "Created 'Invoicing'");
        let seats: Vec<String> = lib.seats().unwrap().into_iter().map(|s| s.name).collect();
        assert_eq!(seats, ["Finance", "Sales"]);
        let rules = lib.rules().unwrap();
        assert_eq!(rules.severity(Code::EmptyLane), None);
        assert_eq!(rules.severity(Code::UnnamedHandoff), Some(Severity::Error));
        assert_eq!(rules.severity(Code::NoStart), Some(Severity::Error));
    }
}

both_backends! {
    fn revisions_accumulate_and_restore_as_a_new_revision(place) {
        let mut lib = place.create();
        let id = ProcessId::from("inv");
        let first = invoicing("inv");
        assert_eq!(lib.save(&first, now()).unwrap().revision, 1);

        let mut second = first.clone();
        let mut step = second.process.nodes[2].clone();
        step.id = NodeId::from("remind");
        step.label = "Send reminder".into();
        second.process.nodes.push(step);
        second.process.nodes[1].label = "Review order".into();
        let saved = lib.save(&second, later(1)).unwrap();
        assert_eq!(saved.revision, 2);
        assert_eq!(
            saved.summary,
            "Added step 'Send reminder'; renamed 'check' to 'Review order'"
        );

        // Saving the same document again adds nothing.
        let same = lib.save(&second, later(2)).unwrap();
        assert!(!same.changed);
        assert_eq!(same.revision, 2);

        assert_eq!(lib.load_revision(&id, 1).unwrap(), first);
        let restored = lib.restore_revision(&id, 1, later(3)).unwrap();
        assert_eq!(restored.revision, 3);
        assert!(
            restored.summary.starts_with("Restored revision 1: "),
            "{}",
            restored.summary
        );
        assert_eq!(lib.load(&id).unwrap(), first);
        assert_eq!(lib.revisions(&id).unwrap().len(), 3);
        assert_eq!(lib.load_revision(&id, 2).unwrap(), second);
        assert!(matches!(
            lib.load_revision(&id, 9),
            Err(StoreError::NoSuchRevision { number: 9, .. })
        ));
    }
}

both_backends! {
    fn delete_undelete_purge_and_duplicate(place) {
        let mut lib = place.create();
        let id = ProcessId::from("inv");
        lib.save(&invoicing("inv"), now()).unwrap();
        let copy = lib.duplicate(&id, later(1)).unwrap();
        assert_eq!(copy.id, ProcessId::from("inv-2"));
        assert_eq!(lib.load(&copy.id).unwrap().process.name, "Invoicing (copy)");

        lib.delete(&id, later(2)).unwrap();
        assert!(matches!(
            lib.load(&id),
            Err(StoreError::NoSuchProcess { .. })
        ));
        assert_eq!(lib.processes(today()).unwrap().len(), 1);
        let deleted = lib.deleted_processes().unwrap();
        assert_eq!(
            (deleted[0].id.as_str(), deleted[0].deleted_at),
            ("inv", later(2))
        );
        // A deleted id is still taken.
        assert_eq!(
            lib.fresh_process_id("inv").unwrap(),
            ProcessId::from("inv-3")
        );

        lib.undelete(&id).unwrap();
        assert_eq!(lib.load(&id).unwrap().process.name, "Invoicing");
        assert_eq!(lib.revisions(&id).unwrap().len(), 1);

        assert!(matches!(
            lib.purge(&id),
            Err(StoreError::NoSuchProcess { .. })
        ));
        lib.delete(&id, later(3)).unwrap();
        lib.purge(&id).unwrap();
        assert!(lib.deleted_processes().unwrap().is_empty());
        assert!(matches!(
            lib.undelete(&id),
            Err(StoreError::NoSuchProcess { .. })
        ));
    }
}

both_backends! {
    fn merging_seats_rewrites_lanes_owner_and_raci_everywhere(place) {
        let mut lib = place.create();
        // Two processes that call the same team by different seats.
        let a = invoicing("a");
        let mut b = invoicing("b");
        for s in &mut b.seats {
            if s.id.as_str() == "seat-sales" {
                s.id = SeatId::from("seat-sales-team");
                s.name = "Sales team".into();
            }
        }
        for l in &mut b.process.lanes {
            if l.seat.as_str() == "seat-sales" {
                l.seat = SeatId::from("seat-sales-team");
            }
        }
        b.process.owner = Some(SeatId::from("seat-sales-team"));
        if let NodeKind::Step { details } = &mut b.process.nodes[1].kind {
            details.raci.accountable = vec![SeatId::from("seat-sales-team")];
            details.raci.informed = vec![SeatId::from("seat-sales"), SeatId::from("seat-sales-team")];
        }
        lib.save(&a, now()).unwrap();
        lib.save(&b, now()).unwrap();
        let usage = lib.seat_usage(&SeatId::from("seat-sales-team")).unwrap();
        assert_eq!(usage.len(), 1);
        assert_eq!(
            (usage[0].lanes, usage[0].owner, usage[0].raci_steps),
            (1, true, 1)
        );
        assert!(matches!(
            lib.delete_seat(&SeatId::from("seat-sales-team")),
            Err(StoreError::SeatInUse { .. })
        ));

        let rewritten = lib
            .merge_seats(
                &SeatId::from("seat-sales"),
                &SeatId::from("seat-sales-team"),
                later(1),
            )
            .unwrap();
        assert_eq!(rewritten, [ProcessId::from("b")]);
        let b2 = lib.load(&"b".into()).unwrap();
        let kept = SeatId::from("seat-sales");
        assert_eq!(b2.process.owner.as_ref(), Some(&kept));
        assert_eq!(b2.process.lanes[0].seat, kept);
        let raci = &b2.process.nodes[1].details().unwrap().raci;
        assert_eq!(raci.accountable, std::slice::from_ref(&kept));
        assert_eq!(
            raci.informed,
            std::slice::from_ref(&kept),
            "a seat named twice is named once"
        );
        assert!(b2.seat(&SeatId::from("seat-sales-team")).is_none());
        assert_eq!(
            lib.revisions(&"b".into()).unwrap()[0].summary,
            "Merged seat 'Sales team' into 'Sales'"
        );
        assert!(matches!(
            lib.seat(&SeatId::from("seat-sales-team")),
            Err(StoreError::NoSuchSeat { .. })
        ));
        assert_eq!(lib.seat_usage(&kept).unwrap().len(), 2);
        assert!(matches!(
            lib.merge_seats(&kept, &kept, later(2)),
            Err(StoreError::MergeIntoSelf { .. })
        ));
    }
}

both_backends! {
    fn reviews_list_overdue_upcoming_and_never_reviewed(place) {
        let mut lib = place.create();
        let mut weekly = invoicing("weekly");
        weekly.process.name = "Weekly report".into();
        weekly.process.cadence = Cadence::Weekly;
        weekly.process.last_reviewed = Some(date("2026-06-01")); // due 2026-09-01: overdue
        let mut monthly = invoicing("monthly");
        monthly.process.name = "Month end".into();
        monthly.process.cadence = Cadence::Monthly;
        monthly.process.last_reviewed = Some(date("2026-06-10")); // due 2026-12-10: upcoming
        let mut fixed = invoicing("fixed");
        fixed.process.name = "Audit".into();
        fixed.process.review_due = Some(date("2027-06-01")); // set explicitly: current
        let mut never = invoicing("never");
        never.process.name = "Hiring".into();
        for d in [&weekly, &monthly, &fixed, &never] {
            lib.save(d, now()).unwrap();
        }
        let r = lib.reviews(today()).unwrap();
        assert_eq!(r.overdue.len(), 1);
        assert_eq!(r.overdue[0].name, "Weekly report");
        assert_eq!(r.overdue[0].due, Some(date("2026-09-01")));
        assert_eq!(r.overdue[0].days, Some(-81));
        assert_eq!(r.overdue[0].owner_name.as_deref(), Some("Sales"));
        assert_eq!(r.upcoming.len(), 1);
        assert_eq!(
            (r.upcoming[0].name.as_str(), r.upcoming[0].days),
            ("Month end", Some(19))
        );
        assert_eq!(r.never_reviewed.len(), 1);
        assert_eq!(r.never_reviewed[0].name, "Hiring");

        let summary = lib.processes(today()).unwrap();
        let weekly_row = summary.iter().find(|s| s.id.as_str() == "weekly").unwrap();
        assert_eq!(
            weekly_row.review,
            ReviewStatus::Overdue {
                due: date("2026-09-01")
            }
        );
        assert_eq!(
            weekly_row.problems.warnings, 1,
            "review-overdue is a warning"
        );

        let saved = lib
            .mark_reviewed(&"weekly".into(), today(), later(1))
            .unwrap();
        assert_eq!(saved.summary, "Marked reviewed on 2026-11-21");
        let r = lib.reviews(today()).unwrap();
        assert!(r.overdue.is_empty());
    }
}

both_backends! {
    fn seeding_happens_once_even_after_templates_are_deleted(place) {
        let mut lib = place.create();
        let templates = [invoicing("t1"), invoicing("t2")];
        assert_eq!(lib.seed_if_first_use(&templates, now()).unwrap(), 2);
        assert_eq!(
            lib.revisions(&"t1".into()).unwrap()[0].summary,
            "Added from the templates"
        );
        lib.delete(&"t1".into(), later(1)).unwrap();
        drop(lib);
        let mut lib = place.create();
        assert_eq!(lib.seed_if_first_use(&templates, later(2)).unwrap(), 0);
        assert_eq!(lib.processes(today()).unwrap().len(), 1);
    }
}

both_backends! {
    /// Each revision names who saved it; a review names who reviewed; a handle that was
    /// told no one records no one.
    fn revisions_record_who_saved_them_and_reviews_who_reviewed(place) {
        let id = ProcessId::from("inv");
        let mut lib = place.create();
        lib.save(&invoicing("inv"), now()).unwrap();
        lib.set_author(Some("Ann Lee"));
        assert_eq!(lib.author(), Some("Ann Lee"));
        lib.rename(&id, "Billing", later(1)).unwrap();
        let mut other = place.open();
        other.set_author(Some("  Bo  "));
        other.mark_reviewed(&id, today(), later(2)).unwrap();
        let authors: Vec<Option<String>> = place
            .open()
            .revisions(&id)
            .unwrap()
            .into_iter()
            .map(|r| r.author)
            .collect();
        assert_eq!(
            authors,
            [Some("Bo".to_owned()), Some("Ann Lee".to_owned()), None]
        );
        let mut weekly = invoicing("weekly");
        weekly.process.cadence = Cadence::Weekly;
        lib.save(&weekly, later(3)).unwrap();
        lib.set_author(Some("Cy"));
        lib.mark_reviewed(&"weekly".into(), date("2026-06-01"), later(4))
            .unwrap();
        let reviews = lib.reviews(today()).unwrap();
        assert_eq!(reviews.overdue[0].reviewed_by.as_deref(), Some("Cy"));
        // A document whose review date came from elsewhere (an import) names no reviewer.
        let mut imported = lib.load(&"weekly".into()).unwrap();
        imported.process.last_reviewed = Some(date("2026-05-01"));
        lib.save(&imported, later(5)).unwrap();
        assert_eq!(lib.reviews(today()).unwrap().overdue[0].reviewed_by, None);
        lib.set_author(Some(" "));
        assert_eq!(lib.author(), None);
    }
}
