from listwatch.cli.main import main

main()
