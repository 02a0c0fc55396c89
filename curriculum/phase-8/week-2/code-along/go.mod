module docchat/goclient

go 1.19
