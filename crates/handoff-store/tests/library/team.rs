//! The team library itself: what it is called, what it refuses, and a connection that
//! comes back.

use handoff_store::{Backend, Library, StoreError};

use crate::{invoicing, now, today, Kind, Place};

fn url(place: &Place) -> &str {
    match place {
        Place::Team { url } => url,
        Place::File { .. } => unreachable!("a team place"),
    }
}

#[test]
fn a_team_library_says_where_it_is_without_the_password() {
    let place = Place::new(Kind::Postgres);
    let url = url(&place);
    let lib = place.create();
    assert_eq!(lib.backend(), Backend::Postgres);
    assert_eq!(lib.path(), None);
    assert_eq!(lib.location(), url);
    // A password in the URL is used to connect and never shown (the cluster trusts
    // everyone, so any password connects).
    let with_password = url.replacen("postgres@", "postgres:s3cret@", 1);
    let lib = Library::open_url(&with_password).unwrap();
    assert_eq!(lib.location(), url);
    assert!(!format!("{lib:?}").contains("s3cret"));
}

#[test]
fn an_empty_database_is_no_library_until_created() {
    let place = Place::new(Kind::Postgres);
    let err = Library::open_url(url(&place)).unwrap_err();
    assert!(matches!(err, StoreError::NotALibrary { .. }), "{err:?}");
    assert!(err.to_string().starts_with(url(&place)), "{err}");
    assert!(err.to_string().contains("no Handoff library"), "{err}");
    let lib = place.create();
    assert!(lib.was_created());
    assert!(!place.open().was_created());
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let place = Place::new(Kind::Postgres);
    place.execute("CREATE TABLE invoices (id integer); INSERT INTO invoices VALUES (7);");
    let err = place.try_create().unwrap_err();
    assert!(matches!(err, StoreError::NotALibrary { .. }), "{err:?}");
    assert!(
        err.to_string().contains("1 tables of something else"),
        "{err}"
    );
    let mut client = postgres::Client::connect(url(&place), postgres::NoTls).unwrap();
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "nothing was created beside the other tables");
}

#[test]
fn a_team_library_from_a_newer_build_is_refused() {
    let place = Place::new(Kind::Postgres);
    drop(place.create());
    place.execute("INSERT INTO handoff_schema (version) VALUES (99)");
    let err = place.try_create().unwrap_err();
    match err {
        StoreError::TooNew {
            found, supported, ..
        } => assert_eq!(
            (found, supported),
            (99, handoff_store::schema::SCHEMA_VERSION)
        ),
        other => panic!("expected TooNew, got {other:?}"),
    }
}

#[test]
fn a_server_that_is_not_there_is_named_in_the_error() {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://ann:s3cret@127.0.0.1:{port}/handoff?connect_timeout=2");
    let err = Library::open_url(&url).unwrap_err();
    assert!(matches!(err, StoreError::Connect { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "postgres://ann@127.0.0.1:{port}/handoff: cannot connect"
        )),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
    let err = Library::open_url("postgres://ann:s3cret@127.0.0.1:99999/x").unwrap_err();
    assert!(matches!(err, StoreError::BadUrl { .. }), "{err:?}");
    assert!(!err.to_string().contains("s3cret"), "{err}");
}

#[test]
fn a_lost_connection_is_made_again_on_the_next_operation() {
    let place = Place::new(Kind::Postgres);
    let mut lib = place.create();
    lib.save(&invoicing("inv"), now()).unwrap();
    // The server ends every other session of this database (as a restart would).
    place.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    // The first call may find the connection dead; it fails cleanly, naming the library.
    if let Err(e) = lib.processes(today()) {
        assert!(e.to_string().starts_with(url(&place)), "{e}");
    }
    assert_eq!(lib.processes(today()).unwrap().len(), 1);
    lib.save(&invoicing("second"), now()).unwrap();
    assert_eq!(lib.processes(today()).unwrap().len(), 2);
}

#[test]
fn a_library_of_either_kind_can_move_between_threads() {
    // The application layer keeps the open library behind a mutex shared by threads.
    fn send<T: Send>() {}
    send::<Library>();
    let place = Place::new(Kind::Postgres);
    let lib = place.create();
    let moved = std::thread::spawn(move || lib.processes(today()).map(|l| l.len()))
        .join()
        .unwrap();
    assert_eq!(moved.unwrap(), 0);
}
